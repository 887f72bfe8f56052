namespace MaoOcr.Client;

/// <summary>The <c>requirements</c> of one request, and what it asks back. Every field is optional on the wire; these are the appliance's defaults.</summary>
public sealed record OcrRequestOptions
{
    /// <summary>The defaults: auto, balanced, general, no forced OCR, no searchable PDF.</summary>
    public static OcrRequestOptions Default { get; } = new();

    public OcrLanguage Language { get; init; } = OcrLanguage.Auto;

    public OcrAccuracy Accuracy { get; init; } = OcrAccuracy.Balanced;

    /// <summary>
    /// Your own label for the document (at most 64 characters), kept by the appliance for logs and metrics; null sends
    /// none. Two values also change the answer: <c>document</c> and <c>auto</c> ask for blocks in reading order
    /// (<see cref="OcrResult.Blocks"/>: columns, headers, footers) and pages at any orientation
    /// (<see cref="OcrResult.Rotation"/>). PDF pages always get blocks.
    /// </summary>
    public string? DocumentType { get; init; }

    /// <summary>OCR every page of a PDF, even pages that carry their own text layer (which is otherwise used as it is). Sent as <c>requirements.force_ocr</c>.</summary>
    public bool ForceOcr { get; init; }

    /// <summary>
    /// Ask for a searchable PDF of the inputs (images or PDFs) with the recognized text laid invisibly over each page; it
    /// arrives with the answer as <see cref="OcrResult.SearchablePdf"/> (<see cref="OcrBatchResult.SearchablePdf"/> for a
    /// batch: one PDF of all inputs). Sent as <c>data.output: "pdf"</c>.
    /// </summary>
    public bool SearchablePdf { get; init; }
}
