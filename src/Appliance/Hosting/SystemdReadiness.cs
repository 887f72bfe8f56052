using System.Net.Sockets;

namespace MaoOcr.Appliance.Hosting;

/// <summary>
/// Tells systemd the appliance is ready when <c>/readyz</c> would say so (the engine loaded and warm, not merely the port
/// open), and that it is stopping when shutdown begins. A failed engine sends only a STATUS line: the unit then fails at
/// TimeoutStartSec and Restart=on-failure tries again.
/// </summary>
public sealed class SystemdReadiness : IHostedService
{
    private readonly SystemdNotifier _notifier;
    private readonly EngineHost _engine;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<SystemdReadiness> _logger;

    public SystemdReadiness(SystemdNotifier notifier, EngineHost engine, IHostApplicationLifetime lifetime, ILogger<SystemdReadiness> logger)
    {
        _notifier = notifier;
        _engine = engine;
        _lifetime = lifetime;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_notifier.IsEnabled)
        {
            _ = _engine.Ready.ContinueWith(
                ready => Send(ready.IsCompletedSuccessfully ? "READY=1\nSTATUS=Engine ready" : $"STATUS=Engine failed: {_engine.Failure}"),
                CancellationToken.None, TaskContinuationOptions.NotOnCanceled, TaskScheduler.Default);
            _lifetime.ApplicationStopping.Register(() => Send("STOPPING=1"));
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Send(string state)
    {
        try
        {
            _notifier.Notify(state);
        }
        catch (SocketException e)
        {
            // systemd gone or the socket misnamed: the service still serves; only the supervisor's view is lost.
            _logger.LogWarning("Could not notify systemd ({State}): {Reason}", state.Split('\n')[0], e.Message);
        }
    }
}
