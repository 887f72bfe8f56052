namespace MaoOcr.Testing.Documents;

/// <summary>The size of one generated page and the lines on it, as a reader should see the page once displayed.</summary>
/// <param name="MediaWidthPoints">The /MediaBox width in points (1/72 inch), before /Rotate; what pdfinfo prints as the page size.</param>
/// <param name="MediaHeightPoints">The /MediaBox height in points, before /Rotate.</param>
/// <param name="Rotate">The page's /Rotate: 0, 90, 180 or 270 degrees clockwise when displayed.</param>
/// <param name="Dpi">The resolution the pixel boxes are given at (the scan's resolution, for an image page).</param>
/// <param name="Lines">The lines in reading order, boxes in the displayed (rotated) page.</param>
public sealed record PdfPageTruth(double MediaWidthPoints, double MediaHeightPoints, int Rotate, double Dpi, IReadOnlyList<PdfTextLine> Lines)
{
    /// <summary>The displayed width in points: the media box's height when the page is turned a quarter.</summary>
    public double WidthPoints => Rotate % 180 == 0 ? MediaWidthPoints : MediaHeightPoints;

    /// <summary>The displayed height in points.</summary>
    public double HeightPoints => Rotate % 180 == 0 ? MediaHeightPoints : MediaWidthPoints;

    /// <summary>The displayed width in pixels at <see cref="Dpi"/>, as a renderer at that resolution makes it (rounded).</summary>
    public int WidthPixels => (int)Math.Round(WidthPoints * Dpi / 72);

    /// <summary>The displayed height in pixels at <see cref="Dpi"/> (rounded).</summary>
    public int HeightPixels => (int)Math.Round(HeightPoints * Dpi / 72);
}
