using System.Diagnostics;
using MaoOcr.Appliance.Documents;
using MaoOcr.Documents.Pdf;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Appliance.Core;

/// <summary>
/// One queued request: runs the engine on each input the cache did not have, on a queue worker. An image is read in one
/// go; a PDF a page at a time, and between pages the job goes back to the end of its connection's line when others wait,
/// so a 200-page document cannot hold the queue from everyone else. Exactly one final outcome completes
/// <see cref="Outcome"/>, from <see cref="Run"/> or <see cref="Abandon"/>. Its token is cancelled by the client going
/// away and by its deadline (the request timeout from arrival, plus <see cref="PdfLimits.RequestSecondsPerPage"/> for
/// each page of a document after the first), so the queue answers one that waits too long when the limit passes.
/// </summary>
internal sealed class OcrJob(
    OcrService service,
    OcrEngine engine,
    OcrRequest request,
    CacheKey[] keys,
    OcrItemResult?[] results,
    IOcrRequestObserver? observer,
    TimeSpan timeLimit,
    CancellationToken cancellationToken) : IWorkItem, IDisposable
{
    private readonly TaskCompletionSource<OcrOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _queuedAt = Stopwatch.GetTimestamp();
    private readonly CancellationTokenSource _deadline = Deadline(timeLimit, cancellationToken);
    private TimeSpan _limit = timeLimit;
    private int _next;
    private bool _started;
    private DocumentReading? _document;

    /// <summary>The client's token and the deadline together.</summary>
    public CancellationToken CancellationToken => _deadline.Token;

    public Task<OcrOutcome> Outcome => _outcome.Task;

    /// <summary>The documents read, by input index, for the searchable PDF; disposed with the job.</summary>
    private Dictionary<int, DocumentReading> Documents { get; } = [];

    public void Run()
    {
        TimeSpan waited = Stopwatch.GetElapsedTime(_queuedAt);
        if (!_started)
        {
            _started = true;
            service.Metrics.QueueWait(waited);
            // The limit counts from arrival: a request that already waited it out in the queue is not run at all.
            if (waited >= _limit)
            {
                Finish(TimedOut());
                return;
            }
        }
        Action<StageProgress>? progress = observer is null ? null : observer.Progress;
        try
        {
            while (_next < request.Images.Count)
            {
                if (results[_next] is not null)
                {
                    _next++;
                    continue;
                }
                ReadOnlyMemory<byte> input = request.Images[_next].Memory;
                if (!PdfSignature.IsPdf(input.Span))
                {
                    RecognizedPage result = engine.Recognize(input.Span, request.Options, progress, _deadline.Token);
                    service.Metrics.Stages(result.Timings);
                    service.Cache.Add(keys[_next], result);
                    results[_next++] = OcrItemResult.FromImage(result);
                    continue;
                }
                if (_document is null)
                {
                    _document = DocumentReading.Open(service.Pdf, engine, input.Span, request.Options, request.ForceOcr, _deadline.Token);
                    Documents[_next] = _document;
                    ExtendDeadline(_document.PageCount);
                }
                DocumentPage page = _document.ReadNextPage(progress, _deadline.Token);
                if (page.Source == PageTextSource.Ocr)
                {
                    service.Metrics.Stages(page.Page.Timings);
                }
                if (_document.Finished)
                {
                    results[_next++] = OcrItemResult.FromDocument(_document.Result());
                    _document = null;
                }
                else if (service.Scheduler.Queued > 0 && service.Scheduler.Continue(request.Lane, this))
                {
                    // Others wait: their turn first; the next page runs when this job's turn comes round again.
                    return;
                }
            }
            OcrOutcome success = OcrOutcome.Success(results!, cached: false);
            if (request.SearchablePdf)
            {
                ReadOnlyMemory<byte>[] inputs = request.Images.Select(i => i.Memory).ToArray();
                success = success with { SearchablePdf = SearchablePdfBuilder.Build(inputs, results!, Documents, service.Combiner, engine.MaxImagePixels, _deadline.Token) };
            }
            Finish(success);
        }
        catch (OcrImageException e)
        {
            Finish(FromImageError(e));
        }
        catch (PdfException e)
        {
            Finish(FromDocumentError(e));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Finish(TimedOut());
        }
        catch (OperationCanceledException)
        {
            service.Metrics.Cancelled(whileRunning: true);
            Finish(OcrOutcome.Failed(OcrFailure.Timeout, "The request was cancelled: the client went away."));
        }
        catch (Exception e)
        {
            service.Logger.LogError(e, "OCR failed");
            Finish(OcrOutcome.Failed(OcrFailure.Internal, "The OCR engine failed on this input."));
        }
    }

    public void Abandon()
    {
        if (cancellationToken.IsCancellationRequested)
        {
            service.Metrics.Cancelled(whileRunning: _started);
            Finish(OcrOutcome.Failed(OcrFailure.Timeout, _started ? "The request was cancelled: the client went away." : "The request was cancelled before it ran: the client went away."));
            return;
        }
        if (_deadline.IsCancellationRequested)
        {
            // Waited out its limit in the queue: answered now, never run (or not run further).
            if (!_started)
            {
                service.Metrics.QueueWait(Stopwatch.GetElapsedTime(_queuedAt));
            }
            Finish(TimedOut());
            return;
        }
        Finish(OcrOutcome.Failed(OcrFailure.Stopping, "The appliance is shutting down.", OcrService.BusyRetryAfterMs));
    }

    /// <summary>Stops the deadline's timer and deletes the documents' private copies; call once <see cref="Outcome"/> is complete.</summary>
    public void Dispose()
    {
        _deadline.Dispose();
        foreach (DocumentReading document in Documents.Values)
        {
            document.Dispose();
        }
    }

    private void Finish(OcrOutcome outcome) => _outcome.TrySetResult(outcome);

    /// <summary>A document's pages each add to the limit: the deadline moves out once its page count is known.</summary>
    private void ExtendDeadline(int pages)
    {
        if (pages <= 1)
        {
            return;
        }
        TimeSpan extra = TimeSpan.FromSeconds((double)service.Pdf.Limits.RequestSecondsPerPage * (pages - 1));
        _limit += extra;
        TimeSpan left = _limit - Stopwatch.GetElapsedTime(_queuedAt);
        if (left > TimeSpan.Zero && !_deadline.IsCancellationRequested)
        {
            _deadline.CancelAfter(left);
        }
    }

    private static CancellationTokenSource Deadline(TimeSpan timeout, CancellationToken client)
    {
        CancellationTokenSource deadline = CancellationTokenSource.CreateLinkedTokenSource(client);
        deadline.CancelAfter(timeout);
        return deadline;
    }

    private OcrOutcome TimedOut() => OcrOutcome.Failed(OcrFailure.Timeout, $"The request took longer than the limit of {_limit.TotalSeconds:0.###} s, queue wait included.");

    private static OcrOutcome FromImageError(OcrImageException e) => e.Kind switch
    {
        ImageErrorKind.UnsupportedFormat => OcrOutcome.Failed(OcrFailure.UnsupportedFormat, e.Message),
        ImageErrorKind.TooLarge => OcrOutcome.Failed(OcrFailure.ImageTooLarge, e.Message),
        _ => OcrOutcome.Failed(OcrFailure.InvalidImage, e.Message),
    };

    private static OcrOutcome FromDocumentError(PdfException e) => e.Kind switch
    {
        // Over a limit, or so complex a page ran out of its time: not worth retrying as it is.
        PdfErrorKind.TooLarge or PdfErrorKind.TimedOut => OcrOutcome.Failed(OcrFailure.ImageTooLarge, e.Message),
        PdfErrorKind.ToolsMissing => OcrOutcome.Failed(OcrFailure.UnsupportedFormat, e.Message),
        _ => OcrOutcome.Failed(OcrFailure.InvalidImage, e.Message),
    };
}
