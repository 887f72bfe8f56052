using MaoOcr.Appliance.Core;
using MaoOcr.Appliance.Protocol;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Appliance.Sessions;

/// <summary>
/// One WebSocket request's messages, queued in order on the session's writer: <c>ocr_start</c> once, <c>ocr_progress</c>
/// for each later stage and percent, and the final message.
/// </summary>
internal sealed class RequestAnswers(SessionWriter writer, string requestId) : IOcrRequestObserver
{
    private readonly Lock _gate = new();
    private bool _started;
    private PipelineStage _stage;
    private int _percent = -1;
    private int _page;

    public void Queued(int position)
    {
        lock (_gate)
        {
            StartOnce(position);
        }
    }

    public void Progress(StageProgress progress)
    {
        lock (_gate)
        {
            // The engine may report before Queued has run; ocr_start still goes first.
            StartOnce(0);
            // A document's pages each go through the stages again: a later page is later whatever its stage.
            bool later = progress.Page > _page
                || (progress.Page == _page && (progress.Stage > _stage || (progress.Stage == _stage && progress.Percent > _percent)));
            if (!later)
            {
                return;
            }
            _stage = progress.Stage;
            _percent = Math.Max(_percent, progress.Percent);
            _page = progress.Page;
            writer.Enqueue(OutboundMessage.Progress(requestId, progress.Stage, _percent, progress.Page, progress.Pages));
        }
    }

    /// <summary>Queues the one final message: <c>ocr_complete</c> with the pages, or <c>ocr_error</c> with the failure's wire code.</summary>
    public void Finish(OcrOutcome outcome, bool batch)
    {
        if (outcome.Results is { Count: > 0 })
        {
            writer.Enqueue(OutboundMessage.Complete(requestId, outcome, batch));
            return;
        }
        ErrorCode code = outcome.Failure is OcrFailure failure ? ErrorCodes.FromFailure(failure) : ErrorCode.Internal;
        // Refused because the appliance is stopping: the session closes with 1001 once its requests are answered, so the
        // client can resend this one on its next connection, to another appliance behind the balancer.
        bool resend = outcome.Failure == OcrFailure.Stopping;
        writer.Enqueue(OutboundMessage.Error(requestId, code, outcome.Message ?? "The request failed.", outcome.RetryAfterMs, resend));
    }

    // Enqueued under the lock, so ocr_start and each progress reach the writer in the order they were decided.
    private void StartOnce(int position)
    {
        if (!_started)
        {
            _started = true;
            writer.Enqueue(OutboundMessage.Start(requestId, position));
        }
    }
}
