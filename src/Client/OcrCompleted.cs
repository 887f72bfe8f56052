namespace MaoOcr.Client;

/// <summary>The answer (<c>ocr_complete</c>): <see cref="Result"/> for one image, <see cref="Batch"/> for a batch.</summary>
public sealed record OcrCompleted(string RequestId, OcrResult? Result, OcrBatchResult? Batch) : OcrEvent(RequestId)
{
    public override bool IsFinal => true;

    /// <summary>The recognized text (a batch's texts joined with blank lines).</summary>
    public string Text => Result?.Text ?? Batch?.Text ?? "";
}
