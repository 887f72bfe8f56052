using SkiaSharp;

namespace MaoOcr.Testing.Tests;

/// <summary>The hand-built PNGs are only as good as their chunk checksums: libpng refuses a wrong CRC on IHDR.</summary>
public sealed class PngBuilderTests
{
    [Fact]
    public void Crc32_matches_the_standard_check_value()
    {
        // The check value of CRC-32/ISO-HDLC, which PNG uses, for the nine ASCII digits.
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(0u, Crc32.Compute([]));
    }

    [Fact]
    public void Iend_chunk_carries_its_well_known_checksum()
    {
        byte[] png = PngBuilder.Rgba(1, 1, [0, 0, 0, 255]);

        // Every PNG ends with the same IEND chunk: zero length, "IEND", CRC AE 42 60 82.
        Assert.Equal([0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82], png[^12..]);
    }

    [Theory]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(65537)]
    public void A_padded_png_has_the_exact_size_and_still_decodes_to_the_same_pixels(int length)
    {
        byte[] png = PngBuilder.Rgba(2, 1, [255, 0, 0, 255, 0, 0, 255, 255]);
        byte[] padded = PngBuilder.PadTo(png, length);

        Assert.Equal(length, padded.Length);
        using SKBitmap bitmap = SKBitmap.Decode(padded);
        Assert.Equal(new SKColor(255, 0, 0), bitmap.GetPixel(0, 0));
        Assert.Equal(new SKColor(0, 0, 255), bitmap.GetPixel(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PngBuilder.PadTo(png, png.Length + PngBuilder.ChunkOverhead - 1));
    }
}
