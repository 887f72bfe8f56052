namespace MaoOcr.Documents.Pdf.Writing;

/// <summary>
/// Maps a page image's pixels (origin top-left, y down) to PDF user space in points (origin bottom-left, y up): the
/// image is stretched over the whole media box, so each axis has its own scale.
/// </summary>
internal readonly record struct PageMapping(double PointsPerPixelX, double PointsPerPixelY, double HeightPoints)
{
    public static PageMapping Create(PdfPageSize size, int widthPixels, int heightPixels)
        => new(size.WidthPoints / widthPixels, size.HeightPoints / heightPixels, size.HeightPoints);

    public (double X, double Y) Map(PdfPoint pixel) => (pixel.X * PointsPerPixelX, HeightPoints - (pixel.Y * PointsPerPixelY));
}
