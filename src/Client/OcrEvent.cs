namespace MaoOcr.Client;

/// <summary>
/// Something that happened to one request. Per request they come in order: at most one <see cref="OcrStarted"/>, any
/// number of <see cref="OcrProgress"/>, then exactly one final <see cref="OcrCompleted"/> or <see cref="OcrFailed"/>.
/// </summary>
/// <param name="RequestId">The request's id, as given by the SDK when it was sent.</param>
public abstract record OcrEvent(string RequestId)
{
    /// <summary>True for <see cref="OcrCompleted"/> and <see cref="OcrFailed"/>: nothing more comes for this request.</summary>
    public virtual bool IsFinal => false;
}

/// <summary>The appliance queued the request (<c>ocr_start</c>).</summary>
/// <param name="QueuePosition">Requests that will run before this one; 0 = next.</param>
public sealed record OcrStarted(string RequestId, int QueuePosition) : OcrEvent(RequestId);

/// <summary>The request reached a stage or a percentage (<c>ocr_progress</c>). Percent never goes back.</summary>
/// <param name="Percent">0–100.</param>
public sealed record OcrProgress(string RequestId, OcrStage Stage, int Percent) : OcrEvent(RequestId);

/// <summary>The answer (<c>ocr_complete</c>): <see cref="Result"/> for one image, <see cref="Batch"/> for a batch.</summary>
public sealed record OcrCompleted(string RequestId, OcrResult? Result, OcrBatchResult? Batch) : OcrEvent(RequestId)
{
    public override bool IsFinal => true;

    /// <summary>The recognized text (a batch's texts joined with blank lines).</summary>
    public string Text => Result?.Text ?? Batch?.Text ?? "";
}

/// <summary>
/// The request failed: <see cref="OcrServerException"/> for an <c>ocr_error</c>, <see cref="MaoOcrConnectionException"/>
/// when the connection was lost for good or the client was disconnected.
/// </summary>
public sealed record OcrFailed(string RequestId, MaoOcrException Error) : OcrEvent(RequestId)
{
    public override bool IsFinal => true;
}

/// <summary>The pipeline stage named in <c>ocr_progress</c>.</summary>
public enum OcrStage
{
    Decode,
    Detection,
    Classification,
    Recognition,

    /// <summary>A stage name this SDK version does not know (the protocol may add stages).</summary>
    Other,
}
