using System.Diagnostics;
using MaoOcr.Appliance.Configuration;
using MaoOcr.Appliance.Diagnostics;
using MaoOcr.Appliance.Hosting;
using MaoOcr.Appliance.Protocol;
using MaoOcr.Inference.Pipeline;
using Microsoft.Extensions.Options;

namespace MaoOcr.Appliance.Core;

/// <summary>
/// What every transport calls: the result cache, the fair queue, the engine, and exactly one outcome per
/// request whatever happens (bad image, full queue, timeout, client gone, shutdown).
/// </summary>
public sealed class OcrService : IAsyncDisposable
{
    // A hint for clients told "busy": about one page's time on a small box.
    internal const int BusyRetryAfterMs = 1000;

    private readonly EngineHost _engineHost;
    private readonly FairScheduler _scheduler;
    private readonly ResultCache _cache;
    private readonly ServerMetrics _metrics;
    private readonly ILogger<OcrService> _logger;
    private readonly TimeSpan _timeout;

    public OcrService(EngineHost engineHost, IOptions<QueueSettings> queue, IOptions<CacheSettings> cache, IOptions<ServerSettings> server, ServerMetrics metrics, ILogger<OcrService> logger)
    {
        _engineHost = engineHost;
        var options = new WorkQueueOptions { MaxQueued = queue.Value.MaxQueued, MaxQueuedPerConnection = queue.Value.MaxQueuedPerConnection };
        if (queue.Value.Workers > 0)
        {
            options.Workers = queue.Value.Workers;
        }
        _scheduler = new FairScheduler(options);
        _cache = new ResultCache(cache.Value.CapacityBytes);
        _metrics = metrics;
        _logger = logger;
        _timeout = TimeSpan.FromSeconds(server.Value.RequestTimeoutSeconds);
        metrics.ObserveQueue(() => _scheduler.Queued, () => _scheduler.Running);
    }

    /// <summary>
    /// Runs one request (one image, or a batch). <paramref name="onQueued"/> gets the queue position once the
    /// request is accepted; <paramref name="progress"/> follows the engine's stages. Never throws for bad
    /// input or load: the outcome carries the error.
    /// </summary>
    public async Task<OcrOutcome> RunAsync(
        string connectionId,
        IReadOnlyList<ImagePayload> images,
        Requirements requirements,
        string transport,
        Action<int>? onQueued = null,
        Action<StageProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        _metrics.RequestStarted(transport);
        long started = Stopwatch.GetTimestamp();
        OcrOutcome outcome = await RunCoreAsync(connectionId, images, requirements, onQueued, progress, cancellationToken).ConfigureAwait(false);
        _metrics.RequestFinished(outcome);
        _metrics.RequestDuration(transport, Stopwatch.GetElapsedTime(started));
        return outcome;
    }

    public ValueTask DisposeAsync() => _scheduler.DisposeAsync();

    private async Task<OcrOutcome> RunCoreAsync(string connectionId, IReadOnlyList<ImagePayload> images, Requirements requirements, Action<int>? onQueued, Action<StageProgress>? progress, CancellationToken cancellationToken)
    {
        OcrEngine? engine = _engineHost.Engine;
        if (engine is null)
        {
            return _engineHost.Failure is { } failure
                ? OcrOutcome.Failure(ErrorCode.Internal, $"The OCR engine is not available: {failure}")
                : OcrOutcome.Failure(ErrorCode.Busy, "The OCR engine is still starting.", BusyRetryAfterMs);
        }
        RecognitionOptions options = requirements.ToOptions();
        CacheKey[] keys = images.Select(i => ResultCache.KeyOf(i.Memory.Span, options)).ToArray();
        RecognizedPage?[] cached = new RecognizedPage?[images.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            _cache.TryGet(keys[i], out cached[i]);
        }
        if (cached.All(r => r is not null))
        {
            _metrics.CacheHit();
            return OcrOutcome.Success(cached!, cached: true);
        }

        var item = new Job(this, engine, images, options, keys, cached, progress, _timeout, cancellationToken);
        switch (_scheduler.TryEnqueue(connectionId, item, out int position))
        {
            case EnqueueResult.Queued:
                onQueued?.Invoke(position);
                return await item.Outcome.ConfigureAwait(false);
            case EnqueueResult.ConnectionFull:
                return OcrOutcome.Failure(ErrorCode.Busy, "This connection already has its share of requests waiting.", BusyRetryAfterMs);
            case EnqueueResult.Stopped:
                return OcrOutcome.Failure(ErrorCode.Busy, "The appliance is shutting down.", BusyRetryAfterMs);
            default:
                return OcrOutcome.Failure(ErrorCode.Busy, "The appliance is busy: the work queue is full.", BusyRetryAfterMs * Math.Max(1, _scheduler.Queued / 8));
        }
    }

    private static OcrOutcome FromImageError(OcrImageException e) => e.Kind switch
    {
        ImageErrorKind.UnsupportedFormat => OcrOutcome.Failure(ErrorCode.UnsupportedFormat, e.Message),
        ImageErrorKind.TooLarge => OcrOutcome.Failure(ErrorCode.ImageTooLarge, e.Message),
        _ => OcrOutcome.Failure(ErrorCode.InvalidImage, e.Message),
    };

    /// <summary>A queued request. Exactly one of Run or Abandon completes <see cref="Outcome"/>.</summary>
    private sealed class Job(
        OcrService service,
        OcrEngine engine,
        IReadOnlyList<ImagePayload> images,
        RecognitionOptions options,
        CacheKey[] keys,
        RecognizedPage?[] results,
        Action<StageProgress>? progress,
        TimeSpan timeout,
        CancellationToken cancellationToken) : IWorkItem
    {
        private readonly TaskCompletionSource<OcrOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly long _queuedAt = Stopwatch.GetTimestamp();

        public CancellationToken CancellationToken => cancellationToken;

        public Task<OcrOutcome> Outcome => _outcome.Task;

        public Task RunAsync()
        {
            TimeSpan waited = Stopwatch.GetElapsedTime(_queuedAt);
            service._metrics.QueueWait(waited);
            // The limit counts from arrival: a request that already waited it out in the queue is not run at all.
            TimeSpan left = timeout - waited;
            if (left <= TimeSpan.Zero)
            {
                _outcome.SetResult(TimedOut());
                return Task.CompletedTask;
            }
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(left);
            try
            {
                for (int i = 0; i < images.Count; i++)
                {
                    if (results[i] is not null)
                    {
                        continue;
                    }
                    RecognizedPage result = engine.Recognize(images[i].Memory.Span, options, progress, deadline.Token);
                    service._metrics.Stages(result.Timings);
                    service._cache.Add(keys[i], result);
                    results[i] = result;
                }
                _outcome.SetResult(OcrOutcome.Success(results!, cached: false));
            }
            catch (OcrImageException e)
            {
                _outcome.SetResult(FromImageError(e));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                _outcome.SetResult(TimedOut());
            }
            catch (OperationCanceledException)
            {
                service._metrics.Cancelled(whileRunning: true);
                _outcome.SetResult(OcrOutcome.Failure(ErrorCode.Timeout, "The request was cancelled: the client went away."));
            }
            catch (Exception e)
            {
                service._logger.LogError(e, "OCR failed");
                _outcome.SetResult(OcrOutcome.Failure(ErrorCode.Internal, "The OCR engine failed on this image."));
            }
            return Task.CompletedTask;
        }

        private OcrOutcome TimedOut() => OcrOutcome.Failure(ErrorCode.Timeout, $"The request took longer than the limit of {timeout.TotalSeconds:0.###} s, queue wait included.");

        public void Abandon()
        {
            if (cancellationToken.IsCancellationRequested)
            {
                service._metrics.Cancelled(whileRunning: false);
                _outcome.TrySetResult(OcrOutcome.Failure(ErrorCode.Timeout, "The request was cancelled before it ran: the client went away."));
                return;
            }
            _outcome.TrySetResult(OcrOutcome.Failure(ErrorCode.Busy, "The appliance is shutting down.", BusyRetryAfterMs));
        }
    }
}
