namespace MaoOcr.Client;

/// <summary>The request reached a stage or a percentage (<c>ocr_progress</c>). Percent never goes back.</summary>
/// <param name="Percent">0–100, over the whole request (all pages of a PDF).</param>
public sealed record OcrProgress(string RequestId, OcrStage Stage, int Percent) : OcrEvent(RequestId)
{
    /// <summary>For a PDF: the page being read, 1-based; 0 for an image.</summary>
    public int Page { get; init; }

    /// <summary>For a PDF: its page count; 0 for an image.</summary>
    public int Pages { get; init; }
}
