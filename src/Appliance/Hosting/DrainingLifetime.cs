using System.Runtime.InteropServices;

namespace MaoOcr.Appliance.Hosting;

/// <summary>
/// The host's lifetime in place of .NET's ConsoleLifetime, whose SIGTERM and SIGINT handlers stop the host at once (and
/// every registered handler runs, so ours could not hold them back): SIGTERM (systemd's stop, docker stop) and SIGINT
/// (Ctrl+C) go to <see cref="ShutdownDrain"/>; SIGQUIT still stops at once, as with ConsoleLifetime.
/// </summary>
internal sealed class DrainingLifetime : IHostLifetime, IDisposable
{
    private readonly ShutdownDrain _drain;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly List<PosixSignalRegistration> _registrations = [];

    public DrainingLifetime(ShutdownDrain drain, IHostApplicationLifetime lifetime)
    {
        _drain = drain;
        _lifetime = lifetime;
    }

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnStopSignal));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnStopSignal));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGQUIT, context =>
        {
            context.Cancel = true;
            _lifetime.StopApplication();
        }));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in _registrations)
        {
            registration.Dispose();
        }
        _registrations.Clear();
    }

    private void OnStopSignal(PosixSignalContext context)
    {
        // Cancel the default (the process ending at once); the host's own shutdown follows the drain.
        context.Cancel = true;
        _drain.RequestStop(context.Signal.ToString());
    }
}
