using SkiaSharp;

namespace MaoOcr.Inference.Imaging;

/// <summary>Applies EXIF orientation so phone photos are upright before detection, and turns pages by whole quarters.</summary>
internal static class Orientation
{
    /// <summary>
    /// Turns <paramref name="source"/> clockwise by 90, 180 or 270 degrees, copying every pixel exactly (a 90° turn
    /// maps pixel (x, y) of a W×H image to (H − 1 − y, x)). Returns <paramref name="source"/> itself for 0, else a new bitmap.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="degreesClockwise"/> is not 0, 90, 180 or 270.</exception>
    public static SKBitmap Turn(SKBitmap source, int degreesClockwise) => Apply(source, degreesClockwise switch
    {
        0 => SKEncodedOrigin.TopLeft,
        // The EXIF origins whose display transform is that turn: "right top" is shown turned 90° clockwise.
        90 => SKEncodedOrigin.RightTop,
        180 => SKEncodedOrigin.BottomRight,
        270 => SKEncodedOrigin.LeftBottom,
        _ => throw new ArgumentOutOfRangeException(nameof(degreesClockwise), degreesClockwise, "A page turns by 0, 90, 180 or 270 degrees."),
    });

    /// <summary>Returns <paramref name="source"/> itself when it is already upright, else a new bitmap.</summary>
    public static SKBitmap Apply(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or (SKEncodedOrigin)0)
        {
            return source;
        }
        bool swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        int w = swap ? source.Height : source.Width;
        int h = swap ? source.Width : source.Height;
        var result = new SKBitmap(new SKImageInfo(w, h, source.ColorType, source.AlphaType));
        using var canvas = new SKCanvas(result);
        // Each matrix maps the stored pixels onto the upright canvas (EXIF 2.3, tag 0x0112).
        SKMatrix m = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, w, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, w, -1, 0, h, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, h, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        canvas.SetMatrix(m);
        // Whole-pixel turns and flips: nearest sampling copies each pixel exactly (the default Skia 4 asks us to name).
        canvas.DrawBitmap(source, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null);
        return result;
    }
}
