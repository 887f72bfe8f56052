namespace MaoOcr.Documents.Pdf.Reading;

/// <summary>One page's size as a viewer shows it.</summary>
/// <param name="Number">1-based.</param>
/// <param name="WidthPoints">Width in points (1/72 inch) after the page's /Rotate.</param>
/// <param name="HeightPoints">Height in points after the page's /Rotate.</param>
/// <param name="Rotate">The page's /Rotate: 0, 90, 180 or 270 (clockwise, as shown).</param>
public sealed record PdfPageInfo(int Number, double WidthPoints, double HeightPoints, int Rotate);
