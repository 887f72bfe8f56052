namespace MaoOcr.Documents.Pdf.Writing;

/// <summary>A page's size in PDF points (1/72 inch); it becomes the page's /MediaBox [0 0 width height].</summary>
/// <param name="WidthPoints">Width in points: finite, above 0 and at most <see cref="MaximumPoints"/>.</param>
/// <param name="HeightPoints">Height in points: finite, above 0 and at most <see cref="MaximumPoints"/>.</param>
public readonly record struct PdfPageSize(double WidthPoints, double HeightPoints)
{
    /// <summary>Points per inch, fixed by the PDF specification (ISO 32000-1, 8.3.2.3: default user space unit 1/72 inch).</summary>
    public const double PointsPerInch = 72;

    /// <summary>
    /// The largest page side readers must accept: 14 400 units, 200 inches (ISO 32000-1, Annex C.2, "Architectural
    /// limits"). Acrobat refuses larger media boxes unless /UserUnit is used, which this writer does not.
    /// </summary>
    public const double MaximumPoints = 14_400;

    /// <summary>The long side of ISO A4, 297 mm, in points (297 / 25.4 × 72).</summary>
    public const double A4LongSidePoints = 297 / 25.4 * PointsPerInch;

    /// <summary>
    /// The size of a page image scanned or rendered at <paramref name="dpi"/> pixels per inch: each side is
    /// pixels × 72 / dpi points. Use it when the resolution is known (a scanner's, or the resolution a PDF page was
    /// rendered at, so that the text layer fits the original page).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A side is not positive, or <paramref name="dpi"/> is not a positive finite number.</exception>
    public static PdfPageSize FromPixels(int widthPixels, int heightPixels, double dpi)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(widthPixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heightPixels);
        if (!double.IsFinite(dpi) || dpi <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(dpi), dpi, "The resolution must be a positive number of pixels per inch.");
        }
        return new PdfPageSize(widthPixels * PointsPerInch / dpi, heightPixels * PointsPerInch / dpi);
    }

    /// <summary>
    /// The size for an image whose resolution is unknown (a phone photo, an upload without a DPI): the long side becomes
    /// <see cref="A4LongSidePoints"/> and the short side keeps the image's aspect ratio.
    /// </summary>
    /// <remarks>
    /// Tesseract assumes 300 dpi when it does not know. That is right for scans, but the photos this appliance mostly
    /// sees have no meaningful resolution (EXIF says 72 whatever the camera): a 12-megapixel photo (4032 px long side)
    /// at 300 dpi becomes a 34 cm page, a 1280 px one a 10.8 cm page with 2-point text. Most photographed pages are
    /// A4 or Letter documents, so fitting the long side to A4 gives back about their real size whatever the camera's
    /// resolution, prints at 100 % on the paper people use here, and keeps text at a size one can read.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A side is not positive.</exception>
    public static PdfPageSize ForUnknownResolution(int widthPixels, int heightPixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(widthPixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heightPixels);
        double pointsPerPixel = A4LongSidePoints / Math.Max(widthPixels, heightPixels);
        return new PdfPageSize(widthPixels * pointsPerPixel, heightPixels * pointsPerPixel);
    }

    /// <summary>Throws unless both sides are finite, positive and at most <see cref="MaximumPoints"/>.</summary>
    internal void Validate(string parameterName)
    {
        if (!IsValidSide(WidthPoints) || !IsValidSide(HeightPoints))
        {
            throw new ArgumentOutOfRangeException(
                parameterName, this, $"Each side of a page must be above 0 and at most {MaximumPoints} points (200 inches).");
        }
    }

    private static bool IsValidSide(double points) => double.IsFinite(points) && points > 0 && points <= MaximumPoints;
}
