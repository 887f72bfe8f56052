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
    /// <summary>After the drain and the host's shutdown timeout: closing sockets and exiting (the unit's own margin).</summary>
    private static readonly TimeSpan s_exitMargin = TimeSpan.FromSeconds(15);

    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<ShutdownDrain> _logger;
    private readonly SystemdNotifier? _systemd;
    private readonly TimeSpan _drain;
    private readonly TimeSpan _shutdownTimeout;
    private readonly Lock _gate = new();
    private DrainState _state;

    public ShutdownDrain(IOptions<ServerSettings> settings, IHostApplicationLifetime lifetime, ILogger<ShutdownDrain> logger, SystemdNotifier? systemd = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _lifetime = lifetime;
        _logger = logger;
        _systemd = systemd;
        _drain = TimeSpan.FromSeconds(settings.Value.DrainSeconds);
        _shutdownTimeout = TimeSpan.FromSeconds(settings.Value.ShutdownTimeoutSeconds);
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
            TellSystemd();
            _ = StopAfterDrainAsync();
            return;
        }
        if (previous == DrainState.Draining)
        {
            _logger.LogInformation("{Reason} during the drain: stopping now", reason);
        }
        _lifetime.StopApplication();
    }

    /// <summary>
    /// Under systemd: stopping from now (not only once the host stops, after the drain), and the stop may take the drain
    /// plus the shutdown timeout plus the exit margin from now, so a DrainSeconds above what the unit's TimeoutStopSec
    /// allows is not cut short by SIGKILL in the middle of finishing requests (sd_notify(3), EXTEND_TIMEOUT_USEC).
    /// </summary>
    private void TellSystemd()
    {
        if (_systemd is not { IsEnabled: true })
        {
            return;
        }
        long extendMicroseconds = (long)(_drain + _shutdownTimeout + s_exitMargin).TotalMicroseconds;
        try
        {
            _systemd.Notify($"STOPPING=1\nSTATUS=Draining for {_drain.TotalSeconds} s\nEXTEND_TIMEOUT_USEC={extendMicroseconds}");
        }
        catch (System.Net.Sockets.SocketException e)
        {
            // systemd gone or the socket misnamed: the drain goes on; only the supervisor's view is lost.
            _logger.LogWarning("Could not notify systemd of the drain: {Reason}", e.Message);
        }
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
