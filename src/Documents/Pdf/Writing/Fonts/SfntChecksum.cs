using System.Buffers.Binary;

namespace MaoOcr.Documents.Pdf.Writing.Fonts;

/// <summary>The sfnt checksum (OpenType spec, "Calculating checksums"): the sum of the data as big-endian uint32s, zero-padded to a multiple of 4.</summary>
internal static class SfntChecksum
{
    /// <summary>
    /// What the whole font's checksum must come to once head.checkSumAdjustment is filled in: the adjustment is this
    /// constant minus the checksum of the font with the adjustment set to 0 (OpenType spec, 'head' table).
    /// </summary>
    public const uint Magic = 0xB1B0AFBA;

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        int whole = data.Length & ~3;
        for (int i = 0; i < whole; i += 4)
        {
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(data[i..]));
        }
        if (whole < data.Length)
        {
            Span<byte> tail = stackalloc byte[4];
            tail.Clear();
            data[whole..].CopyTo(tail);
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(tail));
        }
        return sum;
    }
}
