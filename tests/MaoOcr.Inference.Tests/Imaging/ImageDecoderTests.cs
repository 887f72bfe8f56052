using MaoOcr.Inference.Imaging;
using MaoOcr.Inference.Pipeline;
using MaoOcr.Inference.Tests.Support;
using MaoOcr.Testing;
using SkiaSharp;

namespace MaoOcr.Inference.Tests.Imaging;

public sealed class ImageDecoderTests
{
    private const long Limit = 40_000_000;

    // A 64×32 image, white with a red 16×16 block in the top-left corner.
    private const int W = 64, H = 32, BlockSide = 16;

    [Fact]
    public void Empty_input_is_refused_as_empty()
    {
        OcrImageException e = Assert.Throws<OcrImageException>(() => ImageDecoder.Decode([], Limit));

        Assert.Equal(ImageErrorKind.Empty, e.Kind);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 16)]
    [InlineData(4, 100)]
    [InlineData(5, 4096)]
    [InlineData(6, 65536)]
    public void Random_bytes_are_refused_as_unsupported(int seed, int length)
    {
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        // A first byte no format Skia knows starts with (WBMP and ICO start with 0, JPEG 0xFF, PNG 0x89, GIF 'G', BMP 'B', WebP 'R', TIFF 'I'/'M').
        bytes[0] = 0x5A;

        OcrImageException e = Assert.Throws<OcrImageException>(() => ImageDecoder.Decode(bytes, Limit));

        Assert.Equal(ImageErrorKind.UnsupportedFormat, e.Kind);
        Assert.Contains($"{length} bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pdf_is_refused_as_unsupported_and_named()
    {
        byte[] pdf = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

        OcrImageException e = Assert.Throws<OcrImageException>(() => ImageDecoder.Decode(pdf, Limit));

        Assert.Equal(ImageErrorKind.UnsupportedFormat, e.Kind);
        Assert.Contains("PDF", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> Formats => new() { "PNG", "JPEG", "WebP", "BMP", "GIF" };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_truncation_is_refused_naming_the_format_and_the_damage(string format)
    {
        (byte[] whole, int signature) = EncodedWithSignatureLength(format);
        (int, int) size = SizeOf(whole);
        var wrong = new List<string>();

        // Every cut from the end of the signature on: shorter prefixes cannot be told from any other bytes.
        for (int cut = signature; cut < whole.Length; cut++)
        {
            DecodedImage? decoded = null;
            Exception? thrown = Record.Exception(() => decoded = ImageDecoder.Decode(whole.AsSpan(0, cut), Limit));
            if (decoded is not null)
            {
                // A cut that loses only a checksum or padding still holds every pixel: decoding it whole is right.
                using (decoded)
                {
                    if ((decoded.Width, decoded.Height) != size)
                    {
                        wrong.Add($"cut {cut}: decoded as {decoded.Width}×{decoded.Height}");
                    }
                }
                continue;
            }
            var e = Assert.IsType<OcrImageException>(thrown);
            bool named = e.Message.Contains(format, StringComparison.OrdinalIgnoreCase);
            bool damaged = e.Message.Contains("truncated", StringComparison.Ordinal) || e.Message.Contains("corrupt", StringComparison.Ordinal);
            if (e.Kind is not (ImageErrorKind.Corrupt or ImageErrorKind.UnsupportedFormat) || !named || !damaged)
            {
                wrong.Add($"cut {cut}: {e.Kind} \"{e.Message}\"");
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {whole.Length - signature} truncations of a {whole.Length}-byte {format} are refused without saying so:\n{string.Join("\n", wrong)}");
    }

    [Fact]
    public void Png_header_claiming_ten_gigapixels_is_refused_before_any_pixel_memory()
    {
        byte[] bomb = PngBuilder.DecompressionBomb();
        long before = GC.GetAllocatedBytesForCurrentThread();

        OcrImageException e = Assert.Throws<OcrImageException>(() => ImageDecoder.Decode(bomb, Limit));

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(ImageErrorKind.TooLarge, e.Kind);
        Assert.Contains("100000", e.Message, StringComparison.Ordinal);
        Assert.True(allocated < 50_000_000, $"refusing the bomb allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Pixel_limit_is_inclusive()
    {
        using SKBitmap bitmap = TestImages.Block(10, 10, new SKRectI(0, 0, 5, 5), SKColors.Red);
        byte[] png = TestImages.Encode(bitmap, SKEncodedImageFormat.Png);

        using DecodedImage atLimit = ImageDecoder.Decode(png, maxPixels: 100);
        OcrImageException e = Assert.Throws<OcrImageException>(() => ImageDecoder.Decode(png, maxPixels: 99));

        Assert.Equal(10, atLimit.Width);
        Assert.Equal(ImageErrorKind.TooLarge, e.Kind);
    }

    [Fact]
    public void Png_with_a_damaged_checksum_is_refused_as_corrupt()
    {
        byte[] png = EncodedBlockImage(SKEncodedImageFormat.Png);
        // Flip a byte inside the compressed pixel data (past the 33 bytes of signature and IHDR).
        int idat = png.AsSpan().IndexOf("IDAT"u8);
        png[idat + 8] ^= 0xFF;

        OcrImageException e = Assert.Throws<OcrImageException>(() => ImageDecoder.Decode(png, Limit));

        Assert.Equal(ImageErrorKind.Corrupt, e.Kind);
    }

    /// <summary>A header that is all there but wrong is corrupt, and the message says what is wrong, not "truncated".</summary>
    [Fact]
    public void Png_whose_header_fails_its_checksum_is_corrupt_not_truncated()
    {
        byte[] png = PngBuilder.Rgba(2, 1, [0, 0, 0, 255, 255, 255, 255, 255]);
        // The IHDR chunk's CRC follows the signature (8), its length and type (8) and its 13 bytes of data.
        png[8 + 8 + 13] ^= 0xFF;

        OcrImageException e = Assert.Throws<OcrImageException>(() => ImageDecoder.Decode(png, Limit));

        Assert.Equal(ImageErrorKind.Corrupt, e.Kind);
        Assert.DoesNotContain("truncated", e.Message, StringComparison.Ordinal);
        Assert.Contains("PNG", e.Message, StringComparison.Ordinal);
        Assert.Contains("checksum", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0u, 1u)]
    [InlineData(1u, 0u)]
    [InlineData(0u, 0u)]
    [InlineData(0x8000_0000u, 1u)]
    public void Png_whose_header_gives_an_impossible_size_is_corrupt_naming_the_size(uint width, uint height)
    {
        byte[] png = PngBuilder.Build(width, height, PngBuilder.ColorTypeRgb, new byte[4]);

        OcrImageException e = Assert.Throws<OcrImageException>(() => ImageDecoder.Decode(png, Limit));

        Assert.Equal(ImageErrorKind.Corrupt, e.Kind);
        Assert.DoesNotContain("truncated", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{width}×{height}", e.Message, StringComparison.Ordinal);
    }

    /// <summary>What people send instead of an image: each is named, so the client learns what went wrong.</summary>
    [Theory]
    [InlineData("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>", "SVG")]
    [InlineData("\uFEFF  \n<svg xmlns=\"http://www.w3.org/2000/svg\"><text>Invoice</text></svg>", "SVG")]
    [InlineData("<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\"><svg/>", "SVG")]
    [InlineData("<?xml version=\"1.0\"?><invoice><total>12.50</total></invoice>", "XML")]
    [InlineData("<!DOCTYPE html>\n<html><body>Not found</body></html>", "HTML")]
    [InlineData("<html><head><title>502 Bad Gateway</title></head></html>", "HTML")]
    [InlineData("%PDF-1.7\n%%EOF\n", "PDF")]
    [InlineData("Invoice INV-2026-0153, total 1,284.50\r\n", "text")]
    [InlineData("配送地址已更新", "text")]
    [InlineData("{\"image\": \"iVBORw0KGgo\"}", "text")]
    public void Documents_and_text_sent_as_images_are_named(string content, string name)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(content);

        OcrImageException e = Assert.Throws<OcrImageException>(() => ImageDecoder.Decode(bytes, Limit));

        Assert.Equal(ImageErrorKind.UnsupportedFormat, e.Kind);
        Assert.Contains($"({name} data, {bytes.Length} bytes)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Base64_sent_where_the_bytes_belong_is_named_as_such()
    {
        byte[] base64 = System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(EncodedBlockImage(SKEncodedImageFormat.Png)));

        OcrImageException e = Assert.Throws<OcrImageException>(() => ImageDecoder.Decode(base64, Limit));

        Assert.Equal(ImageErrorKind.UnsupportedFormat, e.Kind);
        Assert.Contains("base64", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void Skia_encoded_formats_decode_to_the_right_size_and_pixels(SKEncodedImageFormat format)
    {
        using DecodedImage image = ImageDecoder.Decode(EncodedBlockImage(format), Limit);

        AssertBlockAt(image, W, H, BlockSide / 2, BlockSide / 2);
    }

    [Fact]
    public void Hand_written_bmp_decodes_to_the_right_size_and_pixels()
    {
        // Width 65: three bytes per pixel leaves each row padded by one byte.
        const int width = 65, height = 33;
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bool red = x < BlockSide && y < BlockSide;
                rgb[((y * width) + x) * 3] = 255;
                rgb[(((y * width) + x) * 3) + 1] = red ? (byte)0 : (byte)255;
                rgb[(((y * width) + x) * 3) + 2] = red ? (byte)0 : (byte)255;
            }
        }

        using DecodedImage image = ImageDecoder.Decode(BmpBuilder.Rgb24(width, height, rgb), Limit);

        AssertBlockAt(image, width, height, BlockSide / 2, BlockSide / 2);
    }

    [Fact]
    public void Hand_written_gif_decodes_its_first_frame_to_the_right_size_and_pixels()
    {
        const int width = 21, height = 13;
        byte[] palette = [255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 255];
        byte[] indexes = new byte[width * height];
        for (int y = 0; y < 6; y++)
        {
            indexes.AsSpan(y * width, 6).Fill(1);
        }

        using DecodedImage image = ImageDecoder.Decode(GifBuilder.Build(width, height, palette, indexes), Limit);

        AssertBlockAt(image, width, height, 2, 2);
        Assert.Equal((255, 255, 255, 255), Pixel(image, 10, 10));
    }

    [Fact]
    public void Gif_transparency_becomes_white()
    {
        // Index 2 (black in the palette) is the transparent one.
        byte[] palette = [255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 255];
        byte[] indexes = [2, 1, 3, 2];

        using DecodedImage image = ImageDecoder.Decode(GifBuilder.Build(2, 2, palette, indexes, transparentIndex: 2), Limit);

        Assert.Equal((255, 255, 255, 255), Pixel(image, 0, 0));
        Assert.Equal((255, 0, 0, 255), Pixel(image, 1, 0));
        Assert.Equal((0, 0, 255, 255), Pixel(image, 0, 1));
        Assert.Equal((255, 255, 255, 255), Pixel(image, 1, 1));
    }

    [Fact]
    public void Png_transparency_is_composited_over_white()
    {
        // Unpremultiplied RGBA: transparent red, half-transparent black, opaque red, opaque black.
        byte[] rgba = [255, 0, 0, 0, 0, 0, 0, 128, 255, 0, 0, 255, 0, 0, 0, 255];

        using DecodedImage image = ImageDecoder.Decode(PngBuilder.Rgba(2, 2, rgba), Limit);

        Assert.Equal((255, 255, 255, 255), Pixel(image, 0, 0));
        (byte r, byte g, byte b, byte a) = Pixel(image, 1, 0);
        Assert.InRange(r, 126, 128);
        Assert.Equal((r, r, 255), (g, b, a));
        Assert.Equal((255, 0, 0, 255), Pixel(image, 0, 1));
        Assert.Equal((0, 0, 0, 255), Pixel(image, 1, 1));
    }

    /// <summary>Where the stored top-left block must appear once EXIF orientation is applied (EXIF 2.3, tag 0x0112).</summary>
    public static TheoryData<ushort, bool, bool, bool> Orientations => new()
    {
        // orientation, width and height swapped, block on the right, block at the bottom
        { 1, false, false, false },
        { 2, false, true, false },
        { 3, false, true, true },
        { 4, false, false, true },
        { 5, true, false, false },
        { 6, true, true, false },
        { 7, true, true, true },
        { 8, true, false, true },
    };

    [Theory]
    [MemberData(nameof(Orientations))]
    public void Exif_orientation_is_applied(ushort orientation, bool swapped, bool right, bool bottom)
    {
        byte[] jpeg = JpegExif.WithOrientation(EncodedBlockImage(SKEncodedImageFormat.Jpeg), orientation);

        using DecodedImage image = ImageDecoder.Decode(jpeg, Limit);

        int width = swapped ? H : W, height = swapped ? W : H;
        int x = right ? width - (BlockSide / 2) : BlockSide / 2;
        int y = bottom ? height - (BlockSide / 2) : BlockSide / 2;
        AssertBlockAt(image, width, height, x, y);
    }

    /// <summary>A small image in <paramref name="format"/>, and the length of that format's signature.</summary>
    private static (byte[] Bytes, int Signature) EncodedWithSignatureLength(string format) => format switch
    {
        "PNG" => (EncodedBlockImage(SKEncodedImageFormat.Png), 8),
        "JPEG" => (EncodedBlockImage(SKEncodedImageFormat.Jpeg), 3),
        "WebP" => (EncodedBlockImage(SKEncodedImageFormat.Webp), 12),
        "BMP" => (BmpBuilder.Rgb24(5, 3, new byte[45]), 2),
        "GIF" => (GifBuilder.Build(5, 3, new byte[12], new byte[15]), 6),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static (int Width, int Height) SizeOf(byte[] whole)
    {
        using DecodedImage image = ImageDecoder.Decode(whole, Limit);
        return (image.Width, image.Height);
    }

    private static byte[] EncodedBlockImage(SKEncodedImageFormat format) => TestImages.RedCorner(W, H, BlockSide, format);

    /// <summary>Checks the size, that (x, y) is red, and that the pixel mirrored through the centre is white.</summary>
    private static void AssertBlockAt(DecodedImage image, int width, int height, int x, int y)
    {
        Assert.Equal((width, height), (image.Width, image.Height));
        (byte r, byte g, byte b, byte a) = Pixel(image, x, y);
        Assert.True(r > 200 && g < 60 && b < 60 && a == 255, $"({x}, {y}) should be red, is ({r}, {g}, {b}, {a})");
        (r, g, b, a) = Pixel(image, width - 1 - x, height - 1 - y);
        Assert.True(r > 200 && g > 200 && b > 200 && a == 255, $"({width - 1 - x}, {height - 1 - y}) should be white, is ({r}, {g}, {b}, {a})");
    }

    private static (byte R, byte G, byte B, byte A) Pixel(DecodedImage image, int x, int y)
    {
        ReadOnlySpan<byte> p = image.Pixels.Slice((y * image.RowBytes) + (x * 4), 4);
        return (p[0], p[1], p[2], p[3]);
    }
}
