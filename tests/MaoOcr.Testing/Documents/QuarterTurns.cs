using System.Runtime.InteropServices;
using SkiaSharp;

namespace MaoOcr.Testing.Documents;

/// <summary>
/// Turns a rendered page by whole quarter turns, moving pixels without resampling, so the ground truth turns
/// exactly with it: a page fed to the scanner sideways or upside down.
/// </summary>
public static class QuarterTurns
{
    /// <summary>
    /// Returns <paramref name="image"/> turned <paramref name="degreesClockwise"/> on screen, with every line's quad
    /// turned with it (each corner keeps its role: the text's top-left corner stays TopLeft wherever it lands).
    /// PNG and BMP stay lossless; JPEG and WebP are encoded again at quality 95.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="degreesClockwise"/> is not 0, 90, 180 or 270.</exception>
    public static RenderedImage Rotate(RenderedImage image, int degreesClockwise)
    {
        ArgumentNullException.ThrowIfNull(image);
        CheckDegrees(degreesClockwise);
        if (degreesClockwise == 0)
        {
            return image;
        }
        using SKBitmap source = Decode(image);
        using SKBitmap turned = Turn(source, degreesClockwise);
        ImageFileFormat format = image.Format switch
        {
            "png" => ImageFileFormat.Png,
            "jpeg" => ImageFileFormat.Jpeg,
            "webp" => ImageFileFormat.Webp,
            "bmp" => ImageFileFormat.Bmp,
            _ => throw new ArgumentException($"Unknown image format '{image.Format}'.", nameof(image)),
        };
        byte[] bytes = TextImageRenderer.Encode(turned, format, quality: 95);
        var lines = image.Lines.Select(l => l with { Box = Map(l.Box, image.Width, image.Height, degreesClockwise) }).ToList();
        return new RenderedImage(bytes, image.Format, turned.Width, turned.Height, lines);
    }

    /// <summary>Where a point of a <paramref name="width"/> × <paramref name="height"/> frame lands when the frame turns clockwise.</summary>
    public static PixelPoint Map(PixelPoint point, float width, float height, int degreesClockwise) => degreesClockwise switch
    {
        0 => point,
        90 => new PixelPoint(height - point.Y, point.X),
        180 => new PixelPoint(width - point.X, height - point.Y),
        270 => new PixelPoint(point.Y, width - point.X),
        _ => throw new ArgumentOutOfRangeException(nameof(degreesClockwise), degreesClockwise, "Only 0, 90, 180 and 270 are quarter turns."),
    };

    /// <summary>The quad's four corners mapped by <see cref="Map(PixelPoint, float, float, int)"/>, each keeping its role.</summary>
    public static Quad Map(Quad quad, float width, float height, int degreesClockwise) => new(
        Map(quad.TopLeft, width, height, degreesClockwise),
        Map(quad.TopRight, width, height, degreesClockwise),
        Map(quad.BottomRight, width, height, degreesClockwise),
        Map(quad.BottomLeft, width, height, degreesClockwise));

    internal static SKBitmap Turn(SKBitmap source, int degreesClockwise)
    {
        CheckDegrees(degreesClockwise);
        int width = source.Width, height = source.Height;
        bool quarter = degreesClockwise % 180 != 0;
        SKBitmap target = TextImageRenderer.NewBitmap(quarter ? height : width, quarter ? width : height);
        ReadOnlySpan<uint> from = MemoryMarshal.Cast<byte, uint>(source.GetPixelSpan());
        Span<uint> to = MemoryMarshal.Cast<byte, uint>(target.GetPixelSpan());
        int targetWidth = target.Width;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                // Pixel centres map like points: pixel (x, y) covers [x, x+1) × [y, y+1).
                (int tx, int ty) = degreesClockwise switch
                {
                    0 => (x, y),
                    90 => (height - 1 - y, x),
                    180 => (width - 1 - x, height - 1 - y),
                    _ => (y, width - 1 - x),
                };
                to[(ty * targetWidth) + tx] = from[(y * width) + x];
            }
        }
        return target;
    }

    internal static SKBitmap Decode(RenderedImage image) =>
        SKBitmap.Decode(image.Bytes, new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Premul))
        ?? throw new ArgumentException($"Skia cannot decode the {image.Format} image.", nameof(image));

    private static void CheckDegrees(int degrees)
    {
        if (degrees is not (0 or 90 or 180 or 270))
        {
            throw new ArgumentOutOfRangeException(nameof(degrees), degrees, "Only 0, 90, 180 and 270 are quarter turns.");
        }
    }
}
