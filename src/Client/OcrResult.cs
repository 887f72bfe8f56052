namespace MaoOcr.Client;

/// <summary>One image's result: the data of <c>ocr_complete</c> (or one entry of a batch's <c>results</c>).</summary>
public sealed record OcrResult
{
    /// <summary>The id of the request this answers.</summary>
    public string RequestId { get; init; } = "";

    /// <summary>True when the appliance answered from its result cache (the same image with the same options).</summary>
    public bool Cached { get; init; }

    /// <summary>All lines' text, in reading order, joined with newlines.</summary>
    public string Text { get; init; } = "";

    /// <summary>Image width in pixels, after EXIF orientation.</summary>
    public int Width { get; init; }

    /// <summary>Image height in pixels, after EXIF orientation.</summary>
    public int Height { get; init; }

    /// <summary>The lines in reading order (top to bottom, then left to right).</summary>
    public IReadOnlyList<OcrLine> Lines { get; init; } = [];

    /// <summary>Milliseconds per stage on the appliance.</summary>
    public OcrTimings Timings { get; init; } = new();
}
