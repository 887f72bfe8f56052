namespace MaoOcr.Client;

/// <summary>
/// One input's result: the data of <c>ocr_complete</c> (or one entry of a batch's <c>results</c>). An image fills
/// <see cref="Width"/>, <see cref="Height"/> and <see cref="Lines"/>; a PDF fills <see cref="PageCount"/> and
/// <see cref="Pages"/> instead, each page with its own size, lines and blocks. <see cref="Text"/> is set for both.
/// </summary>
public sealed record OcrResult
{
    /// <summary>The id of the request this answers.</summary>
    public string RequestId { get; init; } = "";

    /// <summary>True when the appliance answered from its result cache (the same image with the same options).</summary>
    public bool Cached { get; init; }

    /// <summary>All lines' text, in reading order, joined with newlines; a PDF's pages joined with blank lines.</summary>
    public string Text { get; init; } = "";

    /// <summary>Image width in pixels, after EXIF orientation; 0 for a PDF.</summary>
    public int Width { get; init; }

    /// <summary>Image height in pixels, after EXIF orientation; 0 for a PDF.</summary>
    public int Height { get; init; }

    /// <summary>The lines in reading order (top to bottom, then left to right); empty for a PDF (see <see cref="Pages"/>).</summary>
    public IReadOnlyList<OcrLine> Lines { get; init; } = [];

    /// <summary>
    /// The image's blocks in reading order, each naming its <see cref="Lines"/>; empty unless
    /// <see cref="OcrRequestOptions.DocumentType"/> was <c>document</c> or <c>auto</c>.
    /// </summary>
    public IReadOnlyList<OcrBlock> Blocks { get; init; } = [];

    /// <summary>
    /// Degrees clockwise (0, 90, 180 or 270) the appliance turned the image to read it upright. The boxes are in the
    /// pixels of the image as sent, not of the turned one.
    /// </summary>
    public int Rotation { get; init; }

    /// <summary>A PDF's page count; 0 for an image.</summary>
    public int PageCount { get; init; }

    /// <summary>A PDF's pages in order; empty for an image.</summary>
    public IReadOnlyList<OcrPage> Pages { get; init; } = [];

    /// <summary>Milliseconds per stage on the appliance; for a PDF see each page's.</summary>
    public OcrTimings Timings { get; init; } = new();

    /// <summary>
    /// The searchable PDF (the input's pages with the recognized text laid invisibly over them) when the request set
    /// <see cref="OcrRequestOptions.SearchablePdf"/>; null otherwise. For a batch it is on <see cref="OcrBatchResult.SearchablePdf"/>.
    /// </summary>
    public byte[]? SearchablePdf { get; init; }
}
