namespace MaoOcr.Client;

/// <summary>Where a PDF page's text came from. On the wire: <c>ocr</c> or <c>text_layer</c>.</summary>
public enum OcrPageSource
{
    /// <summary>The page was rendered and read by OCR.</summary>
    Ocr,

    /// <summary>The page's own text layer (a PDF from a word processor, or one already OCR'd).</summary>
    TextLayer,

    /// <summary>A source this SDK version does not know (the protocol may add sources).</summary>
    Other,
}
