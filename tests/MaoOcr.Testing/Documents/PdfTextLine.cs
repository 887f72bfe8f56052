namespace MaoOcr.Testing.Documents;

/// <summary>One line on a generated PDF page, with its ink box in two units.</summary>
/// <param name="Text">The exact text drawn.</param>
/// <param name="PixelBox">The ink box in pixels at the page's <see cref="PdfPageTruth.Dpi"/>, origin at the displayed page's top-left corner.</param>
/// <param name="PointBox">
/// The same box in points (1/72 inch), origin at the displayed page's top-left corner and y downward, as
/// <c>pdftotext -bbox</c> reports words (PDF user space has y upward: there y = height − this y).
/// </param>
public sealed record PdfTextLine(string Text, Quad PixelBox, Quad PointBox)
{
    /// <summary>The line of an image rendered at <paramref name="dpi"/>, its box scaled to points.</summary>
    public static PdfTextLine FromPixels(GroundTruthLine line, double dpi)
    {
        ArgumentNullException.ThrowIfNull(line);
        float scale = (float)(72 / dpi);
        PixelPoint Scale(PixelPoint p) => new(p.X * scale, p.Y * scale);
        Quad box = line.Box;
        return new PdfTextLine(line.Text, box, new Quad(Scale(box.TopLeft), Scale(box.TopRight), Scale(box.BottomRight), Scale(box.BottomLeft)));
    }
}
