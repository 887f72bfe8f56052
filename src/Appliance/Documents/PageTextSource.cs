namespace MaoOcr.Appliance.Documents;

/// <summary>Where a document page's text came from.</summary>
public enum PageTextSource
{
    /// <summary>The page was rendered and read by the OCR pipeline.</summary>
    Ocr,

    /// <summary>The page's own text layer (a PDF made from a word processor, or already OCR'd).</summary>
    TextLayer,
}
