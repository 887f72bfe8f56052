using SkiaSharp;

namespace MaoOcr.Testing.Tests.Documents;

/// <summary>Renders PDF pages with pdftoppm and compares them with the images they were made from.</summary>
internal static class PageImages
{
    /// <summary>Page <paramref name="page"/> (1-based) of the file, rendered by pdftoppm at <paramref name="dpi"/>.</summary>
    public static SKBitmap Render(TempDirectory directory, string pdfPath, int page, double dpi)
    {
        string prefix = directory.Combine($"page-{page}");
        ToolResult result = PdfTools.Run("pdftoppm", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", $"{page}", "-l", $"{page}", "-png", "-singlefile", pdfPath, prefix);
        Assert.True(result.ExitCode == 0, result.ToString());
        return Decode(File.ReadAllBytes(prefix + ".png"));
    }

    public static SKBitmap Decode(byte[] encoded)
    {
        using SKBitmap decoded = SKBitmap.Decode(encoded) ?? throw new InvalidOperationException("Skia could not decode the image.");
        SKBitmap rgba = new(new SKImageInfo(decoded.Width, decoded.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        Assert.True(decoded.CopyTo(rgba, SKColorType.Rgba8888), "Skia could not convert the image to RGBA.");
        return rgba;
    }

    /// <summary>The mean absolute difference of the red, green and blue channels, 0–255; the images must be the same size.</summary>
    public static double MeanDifference(SKBitmap a, SKBitmap b)
    {
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        ReadOnlySpan<byte> x = a.GetPixelSpan(), y = b.GetPixelSpan();
        long sum = 0;
        for (int i = 0; i < x.Length; i += 4)
        {
            sum += Math.Abs(x[i] - y[i]) + Math.Abs(x[i + 1] - y[i + 1]) + Math.Abs(x[i + 2] - y[i + 2]);
        }
        return sum / (3.0 * a.Width * a.Height);
    }

    /// <summary>How many pixels are darker than mid-grey (ink) in the rectangle.</summary>
    public static int InkIn(SKBitmap bitmap, PixelRect rect)
    {
        int count = 0;
        int left = Math.Max(0, (int)rect.Left), top = Math.Max(0, (int)rect.Top);
        int right = Math.Min(bitmap.Width, (int)Math.Ceiling(rect.Right)), bottom = Math.Min(bitmap.Height, (int)Math.Ceiling(rect.Bottom));
        for (int y = top; y < bottom; y++)
        {
            for (int x = left; x < right; x++)
            {
                SKColor c = bitmap.GetPixel(x, y);
                count += c.Red + c.Green + c.Blue < 3 * 128 ? 1 : 0;
            }
        }
        return count;
    }
}
