using System.Buffers.Binary;
using System.Diagnostics;
using System.Numerics;

namespace MaoOcr.Documents.Pdf.Writing.Fonts;

/// <summary>
/// Lays tables out as a TrueType file: the offset table, the table directory sorted by tag, each table 4-byte aligned
/// with its checksum, then head.checkSumAdjustment (OpenType spec, "Organization of an OpenType font").
/// </summary>
internal static class SfntFileBuilder
{
    /// <summary>sfntVersion for TrueType outlines.</summary>
    private const uint TrueTypeVersion = 0x00010000;

    private const int OffsetTableSize = 12;
    private const int TableRecordSize = 16;

    /// <summary>Where checkSumAdjustment sits in the head table (after version and fontRevision).</summary>
    internal const int CheckSumAdjustmentOffset = 8;

    /// <summary>Builds the file. <paramref name="tables"/> may come in any order; each tag is four ASCII bytes.</summary>
    public static byte[] Build(IReadOnlyList<(string Tag, byte[] Data)> tables)
    {
        var sorted = tables.OrderBy(t => t.Tag, StringComparer.Ordinal).ToArray();
        int count = sorted.Length;
        int directorySize = OffsetTableSize + (count * TableRecordSize);
        int total = directorySize + sorted.Sum(t => Align4(t.Data.Length));
        var file = new byte[total];
        Span<byte> span = file;

        // searchRange etc. let old readers binary-search the directory: the largest power of two not above the count.
        int maxPower = 1 << BitOperations.Log2((uint)count);
        BinaryPrimitives.WriteUInt32BigEndian(span, TrueTypeVersion);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], (ushort)count);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)(maxPower * TableRecordSize));
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], (ushort)BitOperations.Log2((uint)maxPower));
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], (ushort)((count - maxPower) * TableRecordSize));

        int offset = directorySize;
        int headOffset = -1;
        for (int i = 0; i < count; i++)
        {
            (string tag, byte[] data) = sorted[i];
            Debug.Assert(tag.Length == 4, "sfnt tags are four characters");
            Span<byte> record = span.Slice(OffsetTableSize + (i * TableRecordSize), TableRecordSize);
            for (int c = 0; c < 4; c++)
            {
                record[c] = (byte)tag[c];
            }
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], SfntChecksum.Compute(data));
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)data.Length);
            data.CopyTo(span[offset..]);
            if (tag == "head")
            {
                headOffset = offset;
            }
            offset += Align4(data.Length);
        }

        // The head table's own checksum is taken with checkSumAdjustment = 0 (as it was above), and stays so.
        Debug.Assert(headOffset >= 0, "a TrueType font needs a head table");
        uint adjustment = unchecked(SfntChecksum.Magic - SfntChecksum.Compute(file));
        BinaryPrimitives.WriteUInt32BigEndian(span[(headOffset + CheckSumAdjustmentOffset)..], adjustment);
        return file;
    }

    private static int Align4(int length) => (length + 3) & ~3;
}
