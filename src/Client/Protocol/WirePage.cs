namespace MaoOcr.Client.Protocol;

/// <summary>One page of a PDF: an image's fields plus where its text came from and its size in points.</summary>
internal sealed class WirePage : WireImageFields
{
    public int Page { get; set; }

    public string? Source { get; set; }

    public double Dpi { get; set; }

    public double WidthPt { get; set; }

    public double HeightPt { get; set; }

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
