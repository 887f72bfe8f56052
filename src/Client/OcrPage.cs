namespace MaoOcr.Client;

/// <summary>One page of a PDF and what was read from it (an entry of <see cref="OcrResult.Pages"/>).</summary>
public sealed record OcrPage
{
    /// <summary>The page number, 1-based.</summary>
    public int Page { get; init; }

    /// <summary>OCR, or the page's own text layer (used unless <see cref="OcrRequestOptions.ForceOcr"/> is set).</summary>
    public OcrPageSource Source { get; init; }

    /// <summary>Pixels per inch of <see cref="Width"/>, <see cref="Height"/> and the boxes: a text-layer page's boxes are given in the pixels it would have been rendered to.</summary>
    public double Dpi { get; init; }

    /// <summary>The page's width as shown, in points (1/72 inch).</summary>
    public double WidthPoints { get; init; }

    /// <summary>The page's height as shown, in points (1/72 inch).</summary>
    public double HeightPoints { get; init; }

    /// <summary>The page's text: its blocks in reading order.</summary>
    public string Text { get; init; } = "";

    /// <summary>The page's width in pixels at <see cref="Dpi"/>.</summary>
    public int Width { get; init; }

    /// <summary>The page's height in pixels at <see cref="Dpi"/>.</summary>
    public int Height { get; init; }

    public IReadOnlyList<OcrLine> Lines { get; init; } = [];

    /// <summary>The page's blocks in reading order; empty when the appliance sent none.</summary>
    public IReadOnlyList<OcrBlock> Blocks { get; init; } = [];

    /// <summary>Degrees clockwise (0, 90, 180 or 270) the appliance turned the page to read it upright; boxes stay in the page's pixels as rendered.</summary>
    public int Rotation { get; init; }

    /// <summary>Milliseconds per stage spent on this page.</summary>
    public OcrTimings Timings { get; init; } = new();
}
