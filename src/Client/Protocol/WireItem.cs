namespace MaoOcr.Client.Protocol;

// The data objects of the server's messages, read with source-generated JSON (snake_case). Unknown fields are ignored,
// as the protocol requires, so the appliance can add fields. Fields it leaves out (blocks when there are none) read as
// null here and become empty in the public types, which never hold null lists.

/// <summary>One input's result: an image's fields, or a PDF's <c>page_count</c> and <c>pages</c>.</summary>
internal class WireItem
{
    public string Text { get; set; } = "";

    public int Width { get; set; }

    public int Height { get; set; }

    public List<OcrLine>? Lines { get; set; }

    public List<WireBlock>? Blocks { get; set; }

    public int Rotation { get; set; }

    public OcrTimings? Timings { get; set; }

    /// <summary>Present for a PDF, with <see cref="Pages"/>, in place of width, height and lines.</summary>
    public int PageCount { get; set; }

    public List<WirePage>? Pages { get; set; }

    public OcrResult ToResult(string requestId, bool cached, byte[]? searchablePdf) => new()
    {
        RequestId = requestId,
        Cached = cached,
        Text = Text,
        Width = Width,
        Height = Height,
        Lines = Lines ?? [],
        Blocks = WireBlock.ToBlocks(Blocks),
        Rotation = Rotation,
        PageCount = PageCount,
        Pages = Pages is null ? [] : [.. Pages.Select(p => p.ToPage())],
        Timings = Timings ?? new OcrTimings(),
        SearchablePdf = searchablePdf,
    };
}

/// <summary>One page of a PDF: an image's fields plus where its text came from and its size in points.</summary>
internal sealed class WirePage
{
    public int Page { get; set; }

    public string? Source { get; set; }

    public double Dpi { get; set; }

    public double WidthPt { get; set; }

    public double HeightPt { get; set; }

    public string Text { get; set; } = "";

    public int Width { get; set; }

    public int Height { get; set; }

    public List<OcrLine>? Lines { get; set; }

    public List<WireBlock>? Blocks { get; set; }

    public int Rotation { get; set; }

    public OcrTimings? Timings { get; set; }

    public OcrPage ToPage() => new()
    {
        Page = Page,
        Source = WireNames.PageSource(Source),
        Dpi = Dpi,
        WidthPoints = WidthPt,
        HeightPoints = HeightPt,
        Text = Text,
        Width = Width,
        Height = Height,
        Lines = Lines ?? [],
        Blocks = WireBlock.ToBlocks(Blocks),
        Rotation = Rotation,
        Timings = Timings ?? new OcrTimings(),
    };
}

internal sealed class WireBlock
{
    public string Text { get; set; } = "";

    public List<int>? Lines { get; set; }

    public List<OcrPoint>? Box { get; set; }

    public static OcrBlock[] ToBlocks(List<WireBlock>? blocks) =>
        blocks is null ? [] : [.. blocks.Select(b => new OcrBlock { Text = b.Text, Lines = b.Lines ?? [], Box = b.Box ?? [] })];
}
