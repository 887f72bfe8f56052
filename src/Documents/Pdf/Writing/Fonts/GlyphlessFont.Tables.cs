using System.Text;

namespace MaoOcr.Documents.Pdf.Writing.Fonts;

// The ten tables of the glyphless font, each written field by field in the order of the OpenType specification
// (https://learn.microsoft.com/typography/opentype/spec/), which names every field used below.
internal static partial class GlyphlessFont
{
    private const uint Version1 = 0x00010000;

    // .notdef is a box over the glyph's whole cell: x 0..Advance, y Descender..Ascender.
    private const short BoxLeft = 0;
    private const short BoxRight = Advance;
    private const short BoxBottom = Descender;
    private const short BoxTop = Ascender;
    private const int NotdefPoints = 4;

    /// <summary>Set in head.flags: baseline at y=0 (bit 0), left sidebearing at x=0 (bit 1), integer ppem (bit 3).</summary>
    private const ushort HeadFlags = 0b1011;

    /// <summary>head.magicNumber, fixed by the spec.</summary>
    private const uint HeadMagic = 0x5F0F3CF5;

    /// <summary>head.lowestRecPPEM; 3 pixels is what font tools write when nothing better is known.</summary>
    private const ushort LowestRecommendedPpem = 3;

    private static byte[] Head()
    {
        var b = new BigEndianBuilder();
        b.Fixed(Version1);
        b.Fixed(Version1); // fontRevision 1.0
        b.UInt32(0); // checkSumAdjustment: SfntFileBuilder fills it in last
        b.UInt32(HeadMagic);
        b.UInt16(HeadFlags);
        b.UInt16(UnitsPerEm);
        b.ZeroDateTime(); // created
        b.ZeroDateTime(); // modified
        b.Int16(BoxLeft);
        b.Int16(BoxBottom);
        b.Int16(BoxRight);
        b.Int16(BoxTop);
        b.UInt16(0); // macStyle: regular
        b.UInt16(LowestRecommendedPpem);
        b.Int16(2); // fontDirectionHint: deprecated, the spec says set 2
        b.Int16(0); // indexToLocFormat: short offsets (glyf is tiny)
        b.Int16(0); // glyphDataFormat
        return b.ToArray();
    }

    private static byte[] Hhea()
    {
        var b = new BigEndianBuilder();
        b.Fixed(Version1);
        b.Int16(Ascender);
        b.Int16(Descender);
        b.Int16(0); // lineGap
        b.UInt16(Advance); // advanceWidthMax
        b.Int16(BoxLeft); // minLeftSideBearing
        b.Int16(Advance - BoxRight); // minRightSideBearing
        b.Int16(BoxRight); // xMaxExtent
        b.Int16(1); // caretSlopeRise: upright
        b.Int16(0); // caretSlopeRun
        b.Int16(0); // caretOffset
        b.Zeros(4 * sizeof(short)); // reserved
        b.Int16(0); // metricDataFormat
        b.UInt16(GlyphCount); // numberOfHMetrics
        return b.ToArray();
    }

    private static byte[] Maxp()
    {
        // Version 1.0, which TrueType outlines require; the limits are those of the .notdef box, and no hinting.
        var b = new BigEndianBuilder();
        b.Fixed(Version1);
        b.UInt16(GlyphCount);
        b.UInt16(NotdefPoints); // maxPoints
        b.UInt16(1); // maxContours
        b.UInt16(0); // maxCompositePoints
        b.UInt16(0); // maxCompositeContours
        b.UInt16(2); // maxZones: 2 unless the font uses no twilight zone; 2 is the safe value
        b.Zeros(8 * sizeof(ushort)); // twilight points, storage, function/instruction defs, stack, instructions, components, depth
        return b.ToArray();
    }

    private static byte[] Os2()
    {
        // Version 4 (96 bytes). fsType 0 is "installable embedding": nothing restricts putting the font in a PDF.
        var b = new BigEndianBuilder();
        b.UInt16(4); // version
        b.Int16(Advance); // xAvgCharWidth
        b.UInt16(400); // usWeightClass: normal
        b.UInt16(5); // usWidthClass: medium
        b.UInt16(0); // fsType
        b.Int16(650); // ySubscriptXSize
        b.Int16(600); // ySubscriptYSize
        b.Int16(0); // ySubscriptXOffset
        b.Int16(75); // ySubscriptYOffset
        b.Int16(650); // ySuperscriptXSize
        b.Int16(600); // ySuperscriptYSize
        b.Int16(0); // ySuperscriptXOffset
        b.Int16(350); // ySuperscriptYOffset
        b.Int16(50); // yStrikeoutSize
        b.Int16(300); // yStrikeoutPosition
        b.Int16(0); // sFamilyClass: no classification
        b.Zeros(10); // panose: any
        b.Zeros(4 * sizeof(uint)); // ulUnicodeRange1..4: the cmap covers no script
        b.Bytes("NONE"u8); // achVendID: unregistered
        b.UInt16(0x0040); // fsSelection: REGULAR
        b.UInt16(' '); // usFirstCharIndex: the cmap maps only the space
        b.UInt16(' '); // usLastCharIndex
        b.Int16(Ascender); // sTypoAscender
        b.Int16(Descender); // sTypoDescender
        b.Int16(0); // sTypoLineGap
        b.UInt16(Ascender); // usWinAscent
        b.UInt16(-Descender); // usWinDescent (positive below the baseline)
        b.UInt32(0); // ulCodePageRange1
        b.UInt32(0); // ulCodePageRange2
        b.Int16(500); // sxHeight
        b.Int16(700); // sCapHeight
        b.UInt16(0); // usDefaultChar
        b.UInt16(' '); // usBreakChar
        b.UInt16(0); // usMaxContext
        return b.ToArray();
    }

    private static byte[] Hmtx()
    {
        var b = new BigEndianBuilder();
        for (int glyph = 0; glyph < GlyphCount; glyph++)
        {
            b.UInt16(Advance);
            b.Int16(glyph == 0 ? BoxLeft : (short)0); // left side bearing (the empty glyph has no bounds; 0 by convention)
        }
        return b.ToArray();
    }

    private static byte[] Cmap()
    {
        // PDF never consults this cmap (the CIDToGIDMap picks glyphs), but readers expect one. One Windows Unicode BMP
        // subtable, format 4, maps the space to the empty glyph; the second segment is the required 0xFFFF terminator.
        const ushort platformWindows = 3, encodingUnicodeBmp = 1, segments = 2;
        const int headerSize = 4 + 8; // version, numTables, then one encoding record
        var b = new BigEndianBuilder();
        b.UInt16(0); // version
        b.UInt16(1); // numTables
        b.UInt16(platformWindows);
        b.UInt16(encodingUnicodeBmp);
        b.UInt32(headerSize); // subtable offset

        const ushort searchRange = 4, entrySelector = 1, rangeShift = (2 * segments) - searchRange; // 2*2^floor(log2(2))
        b.UInt16(4); // format
        b.UInt16(14 + (segments * 8)); // length
        b.UInt16(0); // language
        b.UInt16(2 * segments); // segCountX2
        b.UInt16(searchRange);
        b.UInt16(entrySelector);
        b.UInt16(rangeShift);
        b.UInt16(' '); // endCode[0]
        b.UInt16(0xFFFF); // endCode[1]
        b.UInt16(0); // reservedPad
        b.UInt16(' '); // startCode[0]
        b.UInt16(0xFFFF); // startCode[1]
        b.UInt16(unchecked((ushort)(EmptyGlyph - ' '))); // idDelta[0]: ' ' + delta = glyph 1 (mod 65536)
        b.UInt16(1); // idDelta[1]: 0xFFFF + 1 = glyph 0
        b.UInt16(0); // idRangeOffset[0]
        b.UInt16(0); // idRangeOffset[1]
        return b.ToArray();
    }

    private static (byte[] Glyf, byte[] Loca) GlyfAndLoca()
    {
        // .notdef: one closed contour of four on-curve points, clockwise (TrueType's direction for outer contours),
        // with full 16-bit deltas (flag 0x01 = on curve, no short or repeat forms). Glyph 1 has no data at all.
        const byte onCurve = 0x01;
        var glyf = new BigEndianBuilder();
        glyf.Int16(1); // numberOfContours
        glyf.Int16(BoxLeft);
        glyf.Int16(BoxBottom);
        glyf.Int16(BoxRight);
        glyf.Int16(BoxTop);
        glyf.UInt16(NotdefPoints - 1); // endPtsOfContours[0]
        glyf.UInt16(0); // instructionLength
        for (int i = 0; i < NotdefPoints; i++)
        {
            glyf.UInt8(onCurve);
        }
        // Points (left, bottom), (left, top), (right, top), (right, bottom) as deltas from the previous point.
        glyf.Int16(BoxLeft);
        glyf.Int16(0);
        glyf.Int16(BoxRight - BoxLeft);
        glyf.Int16(0);
        glyf.Int16(BoxBottom);
        glyf.Int16(BoxTop - BoxBottom);
        glyf.Int16(0);
        glyf.Int16(BoxBottom - BoxTop);
        // Short loca offsets are stored halved, so each glyph must start on an even offset; pad to 4 as is customary.
        int notdefLength = (glyf.Length + 3) & ~3;
        glyf.Zeros(notdefLength - glyf.Length);

        var loca = new BigEndianBuilder();
        loca.UInt16(0);
        loca.UInt16((ushort)(notdefLength / 2));
        loca.UInt16((ushort)(notdefLength / 2)); // glyph 1 starts where it ends: empty
        return (glyf.ToArray(), loca.ToArray());
    }

    private static byte[] NameTable()
    {
        // Windows platform, Unicode BMP, US English, UTF-16BE strings; records sorted by name ID as the spec requires.
        const ushort platformWindows = 3, encodingUnicodeBmp = 1, languageEnUs = 0x0409;
        (ushort Id, string Text)[] names =
        [
            (1, Name), // family
            (2, "Regular"), // subfamily
            (3, Name + " 1.0"), // unique identifier
            (4, Name), // full name
            (5, "Version 1.0"),
            (6, Name), // PostScript name
        ];
        var strings = new BigEndianBuilder();
        var b = new BigEndianBuilder();
        b.UInt16(0); // format
        b.UInt16((ushort)names.Length);
        b.UInt16((ushort)(6 + (names.Length * 12))); // storageOffset
        foreach ((ushort id, string text) in names)
        {
            byte[] utf16 = Encoding.BigEndianUnicode.GetBytes(text);
            b.UInt16(platformWindows);
            b.UInt16(encodingUnicodeBmp);
            b.UInt16(languageEnUs);
            b.UInt16(id);
            b.UInt16((ushort)utf16.Length);
            b.UInt16((ushort)strings.Length);
            strings.Bytes(utf16);
        }
        b.Bytes(strings.WrittenSpan);
        return b.ToArray();
    }

    private static byte[] Post()
    {
        // Version 3.0: no glyph names, which a CID-keyed font never needs.
        var b = new BigEndianBuilder();
        b.Fixed(0x00030000);
        b.Fixed(0); // italicAngle
        b.Int16(-100); // underlinePosition
        b.Int16(50); // underlineThickness
        b.UInt32(1); // isFixedPitch: every glyph has the same advance
        b.Zeros(4 * sizeof(uint)); // memory hints for Type 42 / Type 1 downloading: unknown
        return b.ToArray();
    }
}
