using System.Buffers.Binary;
using System.Text;
using MaoOcr.Documents.Pdf.Writing.Fonts;
using SkiaSharp;

namespace MaoOcr.Documents.Tests.Pdf.Writing;

/// <summary>The generated font is a well-formed TrueType file: our own reading of its directory and checksums, then FreeType's (through Skia).</summary>
public sealed class GlyphlessFontTests
{
    private static readonly string[] s_expectedTags = ["OS/2", "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post"];

    private static byte[] Font => GlyphlessFont.Bytes.ToArray();

    private static Dictionary<string, (uint Checksum, int Offset, int Length)> Directory(byte[] font)
    {
        Assert.Equal(0x00010000u, BinaryPrimitives.ReadUInt32BigEndian(font));
        int count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        var tables = new Dictionary<string, (uint, int, int)>();
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> record = font.AsSpan(12 + (i * 16), 16);
            tables.Add(
                Encoding.ASCII.GetString(record[..4]),
                (BinaryPrimitives.ReadUInt32BigEndian(record[4..]), (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]), (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..])));
        }
        return tables;
    }

    [Fact]
    public void The_directory_lists_the_ten_tables_sorted_with_binary_search_fields()
    {
        byte[] font = Font;
        Assert.Equal(s_expectedTags, Directory(font).Keys);
        Assert.Equal(10, BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4)));
        Assert.Equal(128, BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(6))); // searchRange: 8 × 16
        Assert.Equal(3, BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(8))); // entrySelector: log2 8
        Assert.Equal(32, BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(10))); // rangeShift: 10 × 16 − 128
    }

    [Fact]
    public void Every_table_is_aligned_inside_the_file_and_matches_its_checksum()
    {
        byte[] font = Font;
        foreach ((string tag, (uint checksum, int offset, int length)) in Directory(font))
        {
            Assert.True(offset % 4 == 0 && offset + length <= font.Length, $"{tag} at {offset}+{length}");
            byte[] table = font.AsSpan(offset, length).ToArray();
            if (tag == "head")
            {
                BinaryPrimitives.WriteUInt32BigEndian(table.AsSpan(8), 0); // the table's checksum is taken with checkSumAdjustment = 0
            }
            Assert.Equal(checksum, Sum(table));
        }
    }

    [Fact]
    public void The_whole_file_sums_to_the_magic_number_through_checkSumAdjustment()
        => Assert.Equal(0xB1B0AFBAu, Sum(Font));

    [Fact]
    public void The_tables_say_two_glyphs_1000_units_per_em_and_one_empty_glyph()
    {
        byte[] font = Font;
        Dictionary<string, (uint Checksum, int Offset, int Length)> tables = Directory(font);
        Assert.Equal(1000, BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(tables["head"].Offset + 18)));
        Assert.Equal(0x5F0F3CF5u, BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(tables["head"].Offset + 12)));
        Assert.Equal(2, BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(tables["maxp"].Offset + 4)));
        ReadOnlySpan<byte> loca = font.AsSpan(tables["loca"].Offset, tables["loca"].Length);
        int notdefEnd = BinaryPrimitives.ReadUInt16BigEndian(loca[2..]) * 2, emptyEnd = BinaryPrimitives.ReadUInt16BigEndian(loca[4..]) * 2;
        Assert.True(notdefEnd > 0 && notdefEnd == emptyEnd && emptyEnd == tables["glyf"].Length, "glyph 1 should have no outline data");
    }

    [Fact]
    public void FreeType_loads_it_as_a_two_glyph_font_with_our_name()
    {
        using SKData data = SKData.CreateCopy(Font);
        using SKTypeface? typeface = SKTypeface.FromData(data);
        Assert.NotNull(typeface);
        Assert.Equal(2, typeface.GlyphCount);
        Assert.Equal(GlyphlessFont.UnitsPerEm, typeface.UnitsPerEm);
        Assert.Equal(GlyphlessFont.Name, typeface.FamilyName);
        using var font = new SKFont(typeface, 1000);
        Assert.Equal(GlyphlessFont.EmptyGlyph, font.GetGlyph(' '));
        Assert.Equal(GlyphlessFont.Advance, font.GetGlyphWidths([GlyphlessFont.EmptyGlyph])[0], 0.5);
    }

    [Fact]
    public void The_font_is_small()
        => Assert.InRange(GlyphlessFont.Bytes.Length, 400, 1024);

    private static uint Sum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        Span<byte> word = stackalloc byte[4];
        for (int i = 0; i < data.Length; i += 4)
        {
            word.Clear();
            data.Slice(i, Math.Min(4, data.Length - i)).CopyTo(word);
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(word));
        }
        return sum;
    }
}
