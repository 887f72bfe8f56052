using MaoOcr.Appliance.Configuration;
using MaoOcr.Appliance.Core;
using MaoOcr.Inference.Pipeline;
using Microsoft.Extensions.Options;

namespace MaoOcr.Appliance.Hosting;

/// <summary>
/// Gives memory back when the appliance has been idle a while (<see cref="InferenceSettings.ReleaseMemoryAfterIdleSeconds"/>):
/// the engine's pooled buffers and the C heap's free pages (<see cref="Inference.Pipeline.OcrEngine.ReleaseIdleMemory"/>).
/// A box in the corner is idle most of the day; what a burst needed should not stay resident until the next one.
/// </summary>
internal sealed class IdleMemoryRelease : BackgroundService
{
    // How often the queue is looked at: a tenth of the default idle time, so the release comes at most this late.
    private static readonly TimeSpan s_lookEvery = TimeSpan.FromSeconds(3);

    private readonly EngineHost _engineHost;
    private readonly OcrService _service;
    private readonly ILogger<IdleMemoryRelease> _logger;
    private readonly int _idleSeconds;

    public IdleMemoryRelease(EngineHost engineHost, OcrService service, IOptions<InferenceSettings> settings, ILogger<IdleMemoryRelease> logger)
    {
        _engineHost = engineHost;
        _service = service;
        _logger = logger;
        _idleSeconds = settings.Value.ReleaseMemoryAfterIdleSeconds;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_idleSeconds <= 0)
        {
            return;
        }
        try
        {
            await _engineHost.Ready.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception) when (!_engineHost.Ready.IsCompletedSuccessfully)
        {
            // No engine (stopped while loading, or it failed and says so itself): nothing to release.
            return;
        }
        var tracker = new IdleTracker(TimeSpan.FromSeconds(_idleSeconds));
        using var timer = new PeriodicTimer(s_lookEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                FairScheduler queue = _service.Scheduler;
                if (tracker.ShouldRelease(DateTimeOffset.UtcNow, queue.Started, queue.Queued + queue.Running > 0))
                {
                    OcrEngine.ReleaseIdleMemory();
                    _logger.LogDebug("Idle for {Seconds} s: pooled buffers and free heap memory released", _idleSeconds);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
