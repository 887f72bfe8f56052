using System.Diagnostics;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Appliance.Core;

/// <summary>
/// One queued request: runs the engine on each image the cache did not have, on a queue worker. Exactly one of
/// <see cref="Run"/> or <see cref="Abandon"/> completes <see cref="Outcome"/>. Its token is cancelled by the client
/// going away and by its deadline (the request timeout from arrival), so the queue answers one that waits too long
/// when the limit passes, not when its turn comes.
/// </summary>
internal sealed class OcrJob(
    OcrService service,
    OcrEngine engine,
    OcrRequest request,
    CacheKey[] keys,
    RecognizedPage?[] results,
    IOcrRequestObserver? observer,
    TimeSpan timeout,
    CancellationToken cancellationToken) : IWorkItem, IDisposable
{
    private readonly TaskCompletionSource<OcrOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _queuedAt = Stopwatch.GetTimestamp();
    private readonly CancellationTokenSource _deadline = Deadline(timeout, cancellationToken);

    /// <summary>The client's token and the deadline together.</summary>
    public CancellationToken CancellationToken => _deadline.Token;

    public Task<OcrOutcome> Outcome => _outcome.Task;

    public void Run()
    {
        TimeSpan waited = Stopwatch.GetElapsedTime(_queuedAt);
        service.Metrics.QueueWait(waited);
        // The limit counts from arrival: a request that already waited it out in the queue is not run at all.
        if (waited >= timeout)
        {
            _outcome.SetResult(TimedOut());
            return;
        }
        Action<StageProgress>? progress = observer is null ? null : observer.Progress;
        try
        {
            for (int i = 0; i < request.Images.Count; i++)
            {
                if (results[i] is not null)
                {
                    continue;
                }
                RecognizedPage result = engine.Recognize(request.Images[i].Memory.Span, request.Options, progress, _deadline.Token);
                service.Metrics.Stages(result.Timings);
                service.Cache.Add(keys[i], result);
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
            service.Metrics.Cancelled(whileRunning: true);
            _outcome.SetResult(OcrOutcome.Failed(OcrFailure.Timeout, "The request was cancelled: the client went away."));
        }
        catch (Exception e)
        {
            service.Logger.LogError(e, "OCR failed");
            _outcome.SetResult(OcrOutcome.Failed(OcrFailure.Internal, "The OCR engine failed on this image."));
        }
    }

    public void Abandon()
    {
        if (cancellationToken.IsCancellationRequested)
        {
            service.Metrics.Cancelled(whileRunning: false);
            _outcome.TrySetResult(OcrOutcome.Failed(OcrFailure.Timeout, "The request was cancelled before it ran: the client went away."));
            return;
        }
        if (_deadline.IsCancellationRequested)
        {
            // Waited out its limit in the queue: answered now, never run.
            service.Metrics.QueueWait(Stopwatch.GetElapsedTime(_queuedAt));
            _outcome.TrySetResult(TimedOut());
            return;
        }
        _outcome.TrySetResult(OcrOutcome.Failed(OcrFailure.Busy, "The appliance is shutting down.", OcrService.BusyRetryAfterMs));
    }

    /// <summary>Stops the deadline's timer; call once <see cref="Outcome"/> is complete.</summary>
    public void Dispose() => _deadline.Dispose();

    private static CancellationTokenSource Deadline(TimeSpan timeout, CancellationToken client)
    {
        CancellationTokenSource deadline = CancellationTokenSource.CreateLinkedTokenSource(client);
        deadline.CancelAfter(timeout);
        return deadline;
    }

    private OcrOutcome TimedOut() => OcrOutcome.Failed(OcrFailure.Timeout, $"The request took longer than the limit of {timeout.TotalSeconds:0.###} s, queue wait included.");

    private static OcrOutcome FromImageError(OcrImageException e) => e.Kind switch
    {
        ImageErrorKind.UnsupportedFormat => OcrOutcome.Failed(OcrFailure.UnsupportedFormat, e.Message),
        ImageErrorKind.TooLarge => OcrOutcome.Failed(OcrFailure.ImageTooLarge, e.Message),
        _ => OcrOutcome.Failed(OcrFailure.InvalidImage, e.Message),
    };
}
