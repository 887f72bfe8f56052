using MaoOcr.Documents.Pdf.Writing.Fonts;

namespace MaoOcr.Documents.Pdf.Writing;

// The one font every text layer uses: a Type0 font with Identity-H encoding (2-byte codes = CIDs), a CIDFontType2
// descendant whose CIDs all map to the glyphless TrueType's empty glyph, and a ToUnicode CMap. This is the structure
// of Tesseract's PDF renderer: any Unicode text can be written without a real font, and extraction gets it back.
public sealed partial class SearchablePdfWriter
{
    /// <summary>Every CID of the 2-byte Identity-H space; the CIDToGIDMap has one 2-byte entry for each.</summary>
    private const int CidCount = 0x10000;

    /// <summary>FontDescriptor /Flags: FixedPitch (bit 1) and Symbolic (bit 3), ISO 32000-1, Table 123.</summary>
    private const int FontFlags = 1 | 4;

    /// <summary>
    /// /StemV is required but means nothing for a font without outlines; 80 is the value Tesseract writes, near that
    /// of a regular text face.
    /// </summary>
    private const int StemV = 80;

    private static readonly Lazy<byte[]> s_cidToGidMap = new(BuildCidToGidMap);

    // Object numbers of the font's parts, allocated on the first page with text; 0 until then.
    private int _type0Font;

    private int FontObject()
    {
        if (_type0Font == 0)
        {
            _type0Font = Allocate();
            for (int i = 0; i < 5; i++)
            {
                Allocate(); // CIDFont, descriptor, font file, CIDToGIDMap, ToUnicode: numbers _type0Font + 1..5
            }
        }
        return _type0Font;
    }

    private void WriteFontObjects()
    {
        if (_type0Font == 0)
        {
            return; // no page had text
        }
        int cidFont = _type0Font + 1, descriptor = _type0Font + 2, fontFile = _type0Font + 3, cidToGid = _type0Font + 4, toUnicode = _type0Font + 5;

        var type0 = new PdfBuffer();
        type0.Raw("<< /Type /Font /Subtype /Type0 /BaseFont /"u8).Ascii(GlyphlessFont.Name)
            .Raw(" /Encoding /Identity-H /DescendantFonts ["u8).Reference(cidFont).Raw("] /ToUnicode "u8).Reference(toUnicode).Raw(" >>"u8);
        WriteObject(_type0Font, type0.WrittenSpan);

        var descendant = new PdfBuffer();
        descendant.Raw("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /"u8).Ascii(GlyphlessFont.Name)
            .Raw(" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor "u8).Reference(descriptor)
            .Raw(" /DW "u8).Integer(GlyphlessFont.Advance).Raw(" /CIDToGIDMap "u8).Reference(cidToGid).Raw(" >>"u8);
        WriteObject(cidFont, descendant.WrittenSpan);

        var fontDescriptor = new PdfBuffer();
        fontDescriptor.Raw("<< /Type /FontDescriptor /FontName /"u8).Ascii(GlyphlessFont.Name)
            .Raw(" /Flags "u8).Integer(FontFlags)
            .Raw(" /FontBBox [0 "u8).Integer(GlyphlessFont.Descender).Raw(" "u8).Integer(GlyphlessFont.Advance).Raw(" "u8).Integer(GlyphlessFont.Ascender)
            .Raw("] /ItalicAngle 0 /Ascent "u8).Integer(GlyphlessFont.Ascender).Raw(" /Descent "u8).Integer(GlyphlessFont.Descender)
            .Raw(" /CapHeight "u8).Integer(GlyphlessFont.Ascender).Raw(" /StemV "u8).Integer(StemV)
            .Raw(" /FontFile2 "u8).Reference(fontFile).Raw(" >>"u8);
        WriteObject(descriptor, fontDescriptor.WrittenSpan);

        ReadOnlySpan<byte> font = GlyphlessFont.Bytes.Span;
        WriteFlateStream(fontFile, font, new PdfBuffer().Raw(" /Length1 "u8).Integer(font.Length).WrittenSpan);
        WriteFlateStream(cidToGid, s_cidToGidMap.Value, default);
        WriteFlateStream(toUnicode, ToUnicodeCMap.Build(_encoder.Supplementary), default);
    }

    /// <summary>Big-endian glyph IDs by CID (ISO 32000-1, Table 117): every CID shows the empty glyph.</summary>
    private static byte[] BuildCidToGidMap()
    {
        var map = new byte[CidCount * 2];
        for (int cid = 0; cid < CidCount; cid++)
        {
            map[(2 * cid) + 1] = (byte)GlyphlessFont.EmptyGlyph;
        }
        return map;
    }
}
