using MaoOcr.Inference.Tests.Support;

namespace MaoOcr.Inference.Tests.Imaging;

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
}
