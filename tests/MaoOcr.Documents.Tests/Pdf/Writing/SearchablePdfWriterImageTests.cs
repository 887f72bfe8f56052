using MaoOcr.Documents.Pdf.Writing;
using MaoOcr.Testing;
using SkiaSharp;

namespace MaoOcr.Documents.Tests.Pdf.Writing;

/// <summary>The picture layer as pdftoppm draws it: the page looks like the image, and the text layer adds nothing visible.</summary>
public sealed class SearchablePdfWriterImageTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(1)]
    public void A_raw_page_renders_as_the_original_image_and_the_text_is_invisible(int components)
    {
        using var directory = new TempDirectory();
        RenderedImage image = TestPages.Render(TestPages.Mixed);
        PdfPageSize size = PdfPageSize.FromPixels(image.Width, image.Height, 72);
        string withText = TestPages.Write(directory, "text.pdf", w => w.AddImagePage(TestPages.RawImage(image, components), size, TestPages.Lines(image)));
        string withoutText = TestPages.Write(directory, "plain.pdf", w => w.AddImagePage(TestPages.RawImage(image, components), size, []));

        PdfTools.AssertQpdfCheckClean(withText);
        // At 72 dpi a point is a pixel, so the rendering has the image's own grid.
        using SKBitmap rendered = PdfTools.Render(withText, 1, 72, directory.FullPath);
        using SKBitmap plain = PdfTools.Render(withoutText, 1, 72, directory.FullPath);
        using SKBitmap original = TestPages.Decode(image.Bytes);
        using SKBitmap expected = components == 3 ? original.Copy() : GreyCopy(original);
        double difference = TestPages.BlockMeanAbsoluteDifference(rendered, expected);
        double shifted = TestPages.BlockMeanAbsoluteDifference(rendered, Shifted(expected, 8));
        Assert.True(difference < 7 && shifted > 3 * difference, $"the page should look like the image: difference {difference}, {shifted} when 8 pixels off");
        Assert.Equal(0, TestPages.MeanAbsoluteDifference(rendered, plain));
    }

    [Fact]
    public void A_jpeg_page_embeds_the_exact_jpeg_bytes_and_renders_as_the_photo()
    {
        using var directory = new TempDirectory();
        RenderedImage jpeg = TestPages.RenderJpeg(TestPages.Chinese);
        string pdf = TestPages.Write(directory, "photo.pdf", w => w.AddImagePage(
            PdfPageImage.Jpeg(jpeg.Bytes, jpeg.Width, jpeg.Height, 3), PdfPageSize.FromPixels(jpeg.Width, jpeg.Height, 72), TestPages.Lines(jpeg)));

        PdfTools.AssertQpdfCheckClean(pdf);
        byte[] file = File.ReadAllBytes(pdf);
        int at = file.AsSpan().IndexOf(jpeg.Bytes);
        Assert.True(at > 0, "the JPEG's bytes should appear unchanged in the file");
        Assert.Contains("/DCTDecode", System.Text.Encoding.Latin1.GetString(file.AsSpan(Math.Max(0, at - 300), 300)), StringComparison.Ordinal);
        Assert.Equal(string.Join('\n', TestPages.Chinese), PdfTools.Text(pdf, raw: true).Trim());

        using SKBitmap rendered = PdfTools.Render(pdf, 1, 72, directory.FullPath);
        using SKBitmap decoded = TestPages.Decode(jpeg.Bytes);
        // Two JPEG decoders (libjpeg in poppler, Skia's) may differ by a level here and there after the IDCT.
        double difference = TestPages.BlockMeanAbsoluteDifference(rendered, decoded);
        double shifted = TestPages.BlockMeanAbsoluteDifference(rendered, Shifted(decoded, 8));
        Assert.True(difference < 7 && shifted > 3 * difference, $"the page should look like the photo: difference {difference}, {shifted} when 8 pixels off");
    }

    [Fact]
    public void A_grey_jpeg_is_embedded_as_DeviceGray()
    {
        using var directory = new TempDirectory();
        RenderedImage image = TestPages.Render(TestPages.English);
        using SKBitmap colour = TestPages.Decode(image.Bytes);
        using SKBitmap grey = GreyCopy(colour);
        byte[] greyJpeg = grey.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
        Assert.True(JpegFrameInfo.TryParse(greyJpeg, out JpegFrameInfo frame));
        Assert.Equal(1, frame.Components);

        string pdf = TestPages.Write(directory, "grey.pdf", w => w.AddImagePage(
            PdfPageImage.Jpeg(greyJpeg), PdfPageSize.FromPixels(grey.Width, grey.Height, 72), TestPages.Lines(image)));

        PdfTools.AssertQpdfCheckClean(pdf);
        Assert.Contains("/ColorSpace /DeviceGray", System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(pdf)), StringComparison.Ordinal);
        Assert.Equal(string.Join('\n', TestPages.English), PdfTools.Text(pdf, raw: true).Trim());
    }

    [Fact]
    public void A_text_only_page_is_transparent_and_overlays_an_existing_pdf_with_qpdf()
    {
        using var directory = new TempDirectory();
        RenderedImage image = TestPages.Render(TestPages.Mixed);
        PdfPageSize size = PdfPageSize.FromPixels(image.Width, image.Height, 150);
        // The "original" document: an image-only page, as a scanner would make it.
        string original = TestPages.Write(directory, "original.pdf", w => w.AddImagePage(TestPages.RawImage(image), size, []));
        string text = TestPages.Write(directory, "text.pdf", w => w.AddTextOnlyPage(size, image.Width, image.Height, TestPages.Lines(image)));

        using (SKBitmap blank = PdfTools.Render(text, 1, 72, directory.FullPath))
        {
            Assert.All(blank.Pixels, pixel => Assert.Equal(SKColors.White, pixel));
        }

        string combined = directory.Combine("combined.pdf");
        PdfTools.Result overlay = PdfTools.Run("qpdf", original, "--overlay", text, "--", combined);
        Assert.True(overlay.ExitCode == 0, overlay.All);
        PdfTools.AssertQpdfCheckClean(combined);
        Assert.Equal(string.Join('\n', TestPages.Mixed), PdfTools.Text(combined, raw: true).Trim());
        using SKBitmap before = PdfTools.Render(original, 1, 150, directory.FullPath);
        using SKBitmap after = PdfTools.Render(combined, 1, 150, directory.FullPath);
        Assert.Equal(0, TestPages.MeanAbsoluteDifference(before, after));
    }

    /// <summary>The image moved right by <paramref name="pixels"/>, as a misplaced picture would be: the control that shows the comparison can fail.</summary>
    private static SKBitmap Shifted(SKBitmap source, int pixels)
    {
        var shifted = new SKBitmap(new SKImageInfo(source.Width, source.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(shifted);
        canvas.Clear(SKColors.White);
        using SKImage image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, pixels, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return shifted;
    }

    private static SKBitmap GreyCopy(SKBitmap source)
    {
        byte[] grey = TestPages.Pixels(source, 1);
        var bitmap = new SKBitmap(new SKImageInfo(source.Width, source.Height, SKColorType.Gray8, SKAlphaType.Opaque));
        System.Runtime.InteropServices.Marshal.Copy(grey, 0, bitmap.GetPixels(), grey.Length);
        return bitmap;
    }
}
