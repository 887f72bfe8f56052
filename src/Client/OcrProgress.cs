namespace MaoOcr.Client;

/// <summary>The request reached a stage or a percentage (<c>ocr_progress</c>). Percent never goes back.</summary>
/// <param name="Percent">0–100.</param>
public sealed record OcrProgress(string RequestId, OcrStage Stage, int Percent) : OcrEvent(RequestId);
