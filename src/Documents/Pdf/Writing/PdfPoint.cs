namespace MaoOcr.Documents.Pdf.Writing;

/// <summary>A point in a page image's pixels: x grows to the right, y grows downwards, (0, 0) is the image's top-left corner.</summary>
/// <param name="X">Pixels from the left edge; may be fractional.</param>
/// <param name="Y">Pixels from the top edge; may be fractional.</param>
public readonly record struct PdfPoint(double X, double Y);
