using MaoOcr.Inference.Imaging;
using MaoOcr.Inference.Tests.Support;
using SkiaSharp;

namespace MaoOcr.Inference.Tests.Imaging;

public sealed class ImageSignatureTests
{
    [Theory]
    [InlineData(SKEncodedImageFormat.Png, "PNG")]
    [InlineData(SKEncodedImageFormat.Jpeg, "JPEG")]
    [InlineData(SKEncodedImageFormat.Webp, "WebP")]
    public void Skia_encoded_images_are_recognised(SKEncodedImageFormat format, string expected)
    {
        byte[] bytes = TestImages.RedCorner(64, 32, 16, format);

        Assert.Equal(expected, ImageSignature.Detect(bytes));
        Assert.Equal($"{expected} data, {bytes.Length} bytes", ImageSignature.Describe(bytes));
    }

    [Fact]
    public void Png_signature_alone_is_recognised()
    {
        // The eight bytes of PNG spec §5.2.
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

        Assert.Equal("PNG", ImageSignature.Detect(signature));
        Assert.Null(ImageSignature.Detect(signature.AsSpan(0, 7)));
    }

    [Fact]
    public void Hand_written_formats_are_recognised()
    {
        Assert.Equal("BMP", ImageSignature.Detect(BmpBuilder.Rgb24(1, 1, [0, 0, 0])));
        Assert.Equal("GIF", ImageSignature.Detect(GifBuilder.Build(1, 1, new byte[12], [0])));
        Assert.Equal("GIF", ImageSignature.Detect("GIF87a"u8));
        Assert.Equal("TIFF", ImageSignature.Detect("II*\0\x08\0\0\0"u8));
        Assert.Equal("TIFF", ImageSignature.Detect("MM\0*\0\0\0\x08"u8));
        Assert.Equal("HEIF/AVIF", ImageSignature.Detect([0, 0, 0, 0x18, .. "ftypheic"u8]));
        Assert.Equal("PDF", ImageSignature.Detect("%PDF-1.7"u8));
    }

    [Fact]
    public void Unknown_bytes_are_described_by_their_length()
    {
        // Binary that is no format: control bytes and a sequence that is not UTF-8.
        byte[] binary = [0x00, 0x01, 0x5A, 0xC3, 0x28, 0x07, 0x10, 0x7F, 0x00, 0x02, 0x03, 0x04];
        Assert.Null(ImageSignature.Detect(binary));
        Assert.Equal("12 bytes of unknown data", ImageSignature.Describe(binary));
        Assert.Null(ImageSignature.Detect([]));
    }

    [Fact]
    public void Text_is_named_by_its_start_even_where_the_look_ends_inside_a_character()
    {
        Assert.Equal("text", ImageSignature.Detect("hello, world"u8));
        Assert.Equal("text data, 12 bytes", ImageSignature.Describe("hello, world"u8));
        // Three-byte characters after 0, 1 and 2 ASCII ones: wherever the sniffed window ends, it may cut one in two.
        string chinese = string.Concat(Enumerable.Repeat("配送地址已更新。", 200));
        foreach (string prefix in new[] { "", "a", "ab" })
        {
            Assert.Equal("text", ImageSignature.Detect(System.Text.Encoding.UTF8.GetBytes(prefix + chinese)));
        }
    }
}
