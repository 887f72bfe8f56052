using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Inference.Layout;

/// <summary>
/// The layout analysis for pages whose lines came from elsewhere than the pipeline (a PDF's own text layer), so that
/// such a page gets blocks and a reading order by the same rules as an OCR'd one.
/// </summary>
public static class PageLayout
{
    /// <summary>
    /// <paramref name="page"/> with its lines in reading order, grouped into <see cref="RecognizedPage.Blocks"/>, and its
    /// text joined block by block. Lines whose boxes are not four finite corners are left out, as the pipeline's are.
    /// </summary>
    public static RecognizedPage Apply(RecognizedPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        LayoutResult layout = PageLayoutAnalyzer.Analyze(page.Lines);
        return page with { Lines = layout.Lines, Text = layout.Text, Blocks = layout.Blocks };
    }
}
