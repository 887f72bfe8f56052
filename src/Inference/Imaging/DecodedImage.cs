using SkiaSharp;

namespace MaoOcr.Inference.Imaging;

/// <summary>
/// An upright, opaque RGBA image: EXIF orientation applied and transparency composited over white, so
/// every later stage reads plain colour pixels.
/// </summary>
internal sealed class DecodedImage : IDisposable
{
    public DecodedImage(SKBitmap bitmap)
    {
        Bitmap = bitmap;
    }

    public SKBitmap Bitmap { get; }

    public int Width => Bitmap.Width;

    public int Height => Bitmap.Height;

    /// <summary>Row stride in bytes.</summary>
    public int RowBytes => Bitmap.RowBytes;

    /// <summary>RGBA bytes, <see cref="RowBytes"/> per row.</summary>
    public ReadOnlySpan<byte> Pixels => Bitmap.GetPixelSpan();

    public void Dispose() => Bitmap.Dispose();
}
