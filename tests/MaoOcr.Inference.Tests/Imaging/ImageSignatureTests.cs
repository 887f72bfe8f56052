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
        Assert.Null(ImageSignature.Detect("hello, world"u8));
        Assert.Equal("12 bytes of unknown data", ImageSignature.Describe("hello, world"u8));
        Assert.Null(ImageSignature.Detect([]));
    }
}
