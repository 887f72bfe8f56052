using System.Runtime.InteropServices;
using MaoOcr.Documents.Pdf.Writing;
using MaoOcr.Testing;
using SkiaSharp;

namespace MaoOcr.Documents.Tests.Pdf.Writing;

/// <summary>Real page images with ground-truth quads (from MaoOcr.Testing's renderer), turned into the writer's inputs.</summary>
internal static class TestPages
{
    public static readonly string[] English = ["Invoice INV-20417", "Total due: 1,280.00 EUR", "Payment within 30 days"];

    public static readonly string[] Chinese = ["仓库温度正常", "发票号码 二零二四", "请于三十日内付款"];

    public static readonly string[] Mixed = ["仓库温度正常 Invoice INV-20417", "Total 合计 1280 元", "Shanghai 上海 Warehouse"];

    public static RenderedImage Render(IReadOnlyList<string> lines, TestFont? font = null, ImageEffects? effects = null, float fontSize = 32)
        => TextImageRenderer.RenderLines(lines, new TextBlockStyle { Font = font ?? TestFonts.NotoSansCjkSc, FontSize = fontSize }, effects);

    public static RenderedImage RenderJpeg(IReadOnlyList<string> lines, int quality = 85)
        => Render(lines, effects: new ImageEffects { Format = ImageFileFormat.Jpeg, Quality = quality });

    public static PdfTextLine[] Lines(RenderedImage image) => image.Lines.Select(ToPdfLine).ToArray();

    public static PdfTextLine ToPdfLine(GroundTruthLine line) => new(
        line.Text,
        new PdfPoint(line.Box.TopLeft.X, line.Box.TopLeft.Y),
        new PdfPoint(line.Box.TopRight.X, line.Box.TopRight.Y),
        new PdfPoint(line.Box.BottomRight.X, line.Box.BottomRight.Y),
        new PdfPoint(line.Box.BottomLeft.X, line.Box.BottomLeft.Y));

    /// <summary>Decodes the image and returns its pixels as 8-bit RGB (or grey) rows, for <see cref="PdfPageImage.Raw"/>.</summary>
    public static byte[] Pixels(RenderedImage image, int components = 3)
    {
        using SKBitmap bitmap = Decode(image.Bytes);
        return Pixels(bitmap, components);
    }

    public static byte[] Pixels(SKBitmap source, int components)
    {
        using SKBitmap rgba = source.Copy(SKColorType.Rgba8888);
        ReadOnlySpan<byte> span = MemoryMarshal.AsBytes(rgba.GetPixelSpan());
        int count = rgba.Width * rgba.Height;
        var pixels = new byte[count * components];
        int rowBytes = rgba.RowBytes;
        for (int y = 0; y < rgba.Height; y++)
        {
            for (int x = 0; x < rgba.Width; x++)
            {
                int from = (y * rowBytes) + (x * 4);
                int to = ((y * rgba.Width) + x) * components;
                if (components == 3)
                {
                    pixels[to] = span[from];
                    pixels[to + 1] = span[from + 1];
                    pixels[to + 2] = span[from + 2];
                }
                else
                {
                    pixels[to] = (byte)(((span[from] * 299) + (span[from + 1] * 587) + (span[from + 2] * 114)) / 1000);
                }
            }
        }
        return pixels;
    }

    public static SKBitmap Decode(byte[] encoded) => SKBitmap.Decode(encoded) ?? throw new InvalidOperationException("Skia could not decode the test image.");

    /// <summary>A page image embedded losslessly at 72 dpi, so a 72-dpi rendering has the image's own pixel grid.</summary>
    public static PdfPageImage RawImage(RenderedImage image, int components = 3)
        => PdfPageImage.Raw(Pixels(image, components), image.Width, image.Height, components);

    /// <summary>Writes a one-or-more-page PDF with <paramref name="write"/> and returns its path.</summary>
    public static string Write(TempDirectory directory, string name, Action<SearchablePdfWriter> write)
    {
        string path = directory.Combine(name);
        using (var file = File.Create(path))
        using (var writer = new SearchablePdfWriter(file))
        {
            write(writer);
            writer.Finish();
        }
        return path;
    }

    /// <summary>Mean absolute difference per channel, 0–255, of two same-sized images (RGB, alpha ignored).</summary>
    public static double MeanAbsoluteDifference(SKBitmap a, SKBitmap b)
    {
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        byte[] pa = Pixels(a, 3), pb = Pixels(b, 3);
        long sum = 0;
        for (int i = 0; i < pa.Length; i++)
        {
            sum += Math.Abs(pa[i] - pb[i]);
        }
        return (double)sum / pa.Length;
    }

    /// <summary>
    /// Mean absolute difference per channel, 0–255, of the two images' averages over <paramref name="block"/>-pixel
    /// squares. Poppler's Splash rounds an image's extent outwards, so even a 1:1 rendering is resampled onto a grid up
    /// to a pixel larger; comparing block averages compares the picture rather than that resampling.
    /// </summary>
    public static double BlockMeanAbsoluteDifference(SKBitmap a, SKBitmap b, int block = 4)
    {
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        byte[] pa = Pixels(a, 3), pb = Pixels(b, 3);
        int columns = a.Width / block, rows = a.Height / block;
        double sum = 0;
        for (int by = 0; by < rows; by++)
        {
            for (int bx = 0; bx < columns; bx++)
            {
                for (int channel = 0; channel < 3; channel++)
                {
                    long sa = 0, sb = 0;
                    for (int y = by * block; y < (by + 1) * block; y++)
                    {
                        for (int x = bx * block; x < (bx + 1) * block; x++)
                        {
                            int i = (((y * a.Width) + x) * 3) + channel;
                            sa += pa[i];
                            sb += pb[i];
                        }
                    }
                    sum += Math.Abs(sa - sb) / (double)(block * block);
                }
            }
        }
        return sum / (columns * rows * 3);
    }

    /// <summary>Collapses runs of white space to one space, so extracted text compares with what was written.</summary>
    public static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
