using MaoOcr.Appliance.Core;
using MaoOcr.Appliance.Protocol;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Appliance.Sessions;

/// <summary>
/// One message a session will send, as data rather than a closure: the writer serializes it when its turn comes
/// (docs/protocol.md names the fields). Only the fields of its <see cref="Kind"/> are set.
/// </summary>
internal readonly record struct OutboundMessage(
    OutboundKind Kind,
    string? RequestId,
    int Number = 0,
    PipelineStage Stage = default,
    OcrOutcome? Outcome = null,
    bool Batch = false,
    ErrorCode Code = default,
    string? Text = null,
    int? RetryAfterMs = null,
    int Page = 0,
    int Pages = 0,
    bool Resend = false)
{
    /// <summary><c>pong</c> to the ping whose id is <paramref name="pingId"/>.</summary>
    public static OutboundMessage Pong(string pingId) => new(OutboundKind.Pong, pingId);

    /// <summary><c>ocr_start</c>: <paramref name="queuePosition"/> requests run before this one.</summary>
    public static OutboundMessage Start(string requestId, int queuePosition) => new(OutboundKind.Start, requestId, queuePosition);

    /// <summary><c>ocr_progress</c>: the request reached <paramref name="stage"/>, <paramref name="percent"/> of the way, on
    /// <paramref name="page"/> of <paramref name="pages"/> for a document (0 and 0 for an image).</summary>
    public static OutboundMessage Progress(string requestId, PipelineStage stage, int percent, int page = 0, int pages = 0) =>
        new(OutboundKind.Progress, requestId, percent, stage, Page: page, Pages: pages);

    /// <summary><c>ocr_complete</c> with the outcome's pages.</summary>
    public static OutboundMessage Complete(string requestId, OcrOutcome outcome, bool batch) => new(OutboundKind.Complete, requestId, Outcome: outcome, Batch: batch);

    /// <summary><c>ocr_error</c>; <paramref name="requestId"/> is null when the envelope's id could not be read.</summary>
    /// <param name="resend">The request was refused because this appliance is going away: the client sends it again on
    /// its next connection (<c>data.resend</c>).</param>
    public static OutboundMessage Error(string? requestId, ErrorCode code, string message, int? retryAfterMs = null, bool resend = false) =>
        new(OutboundKind.Error, requestId, Code: code, Text: message, RetryAfterMs: retryAfterMs, Resend: resend);
}
