using MaoOcr.Appliance.Configuration;
using Microsoft.Extensions.Options;

namespace MaoOcr.Appliance.Hosting;

/// <summary>
/// The drain before a graceful shutdown, for a balancer in front of several appliances: <c>/readyz</c> turns 503 at
/// once, so the balancer's health check takes the appliance out of rotation, while sessions, requests and even new
/// connections (a few may still come) are served for <see cref="ServerSettings.DrainSeconds"/>; then the host stops
/// as before (in-flight answers, then 1001). A second stop request during the drain cuts it short: an operator who
/// presses Ctrl+C twice, or systemd escalating, means "now".
/// </summary>
public sealed class ShutdownDrain
{
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<ShutdownDrain> _logger;
    private readonly TimeSpan _drain;
    private readonly Lock _gate = new();
    private DrainState _state;

    public ShutdownDrain(IOptions<ServerSettings> settings, IHostApplicationLifetime lifetime, ILogger<ShutdownDrain> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _lifetime = lifetime;
        _logger = logger;
        _drain = TimeSpan.FromSeconds(settings.Value.DrainSeconds);
    }

    private enum DrainState
    {
        Serving,
        Draining,
        Stopping,
    }

    /// <summary>True from the start of the drain on: <c>/readyz</c> says "not ready: draining".</summary>
    public bool IsDraining
    {
        get
        {
            lock (_gate)
            {
                return _state == DrainState.Draining || (_state == DrainState.Stopping && _drain > TimeSpan.Zero);
            }
        }
    }

    /// <summary>
    /// A stop was asked for (<paramref name="reason"/>: the signal, for the log). The first starts the drain, or stops
    /// at once when <see cref="ServerSettings.DrainSeconds"/> is 0; one during the drain stops at once; later ones do nothing.
    /// </summary>
    public void RequestStop(string reason)
    {
        DrainState previous;
        lock (_gate)
        {
            previous = _state;
            _state = previous == DrainState.Serving && _drain > TimeSpan.Zero ? DrainState.Draining : DrainState.Stopping;
        }
        if (previous == DrainState.Serving && _drain > TimeSpan.Zero)
        {
            _logger.LogInformation(
                "{Reason}: draining for {Seconds} s (Server:DrainSeconds): /readyz answers 503, requests and connections are still served",
                reason, _drain.TotalSeconds);
            _ = StopAfterDrainAsync();
            return;
        }
        if (previous == DrainState.Draining)
        {
            _logger.LogInformation("{Reason} during the drain: stopping now", reason);
        }
        _lifetime.StopApplication();
    }

    private async Task StopAfterDrainAsync()
    {
        try
        {
            await Task.Delay(_drain, _lifetime.ApplicationStopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Already stopping (a second signal, or the host stopped by other means).
            return;
        }
        lock (_gate)
        {
            _state = DrainState.Stopping;
        }
        _lifetime.StopApplication();
    }
}
