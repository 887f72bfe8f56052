using MaoOcr.Appliance.Documents;

namespace MaoOcr.EdgeServer.Cli;

/// <summary>One page of a PDF in <c>maoocr ocr --json</c>, with the same fields as the API's pages.</summary>
internal sealed record CliPage(int Page, string Source, double Dpi, int Width, int Height, string Text, IReadOnlyList<CliLine> Lines)
{
    public static CliPage From(DocumentPage page) => new(
        page.Number,
        page.Source == PageTextSource.TextLayer ? "text_layer" : "ocr",
        Math.Round(page.Dpi, 3),
        page.Page.Width,
        page.Page.Height,
        page.Page.Text,
        page.Page.Lines.Select(CliLine.From).ToArray());
}
