using SkiaSharp;

namespace MaoOcr.Inference.Tests.Support;

/// <summary>Turns encoded images by multiples of 90° (the pixels, not an EXIF tag).</summary>
public static class ImageTransforms
{
    public static byte[] Rotate(byte[] encoded, int degreesClockwise)
    {
        using SKBitmap source = SKBitmap.Decode(encoded);
        bool swap = degreesClockwise % 180 != 0;
        using var turned = new SKBitmap(swap ? source.Height : source.Width, swap ? source.Width : source.Height);
        using (var canvas = new SKCanvas(turned))
        {
            canvas.Translate(turned.Width / 2f, turned.Height / 2f);
            canvas.RotateDegrees(degreesClockwise);
            canvas.Translate(-source.Width / 2f, -source.Height / 2f);
            canvas.DrawBitmap(source, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null);
        }
        using SKData png = turned.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
