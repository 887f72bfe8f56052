namespace MaoOcr.Documents.Pdf.Writing.Fonts;

/// <summary>
/// A TrueType font with two glyphs and no ink: glyph 0 (.notdef, a box outline that is never drawn) and glyph 1, empty,
/// which every CID maps to. It exists only so that the invisible text layer has a real embedded font: PDF/A wants one,
/// and viewers that ignore render mode 3 still draw nothing. The idea is Tesseract's "GlyphLessFont"; the bytes are
/// generated here (a few hundred bytes) instead of being shipped as a binary blob.
/// </summary>
internal static partial class GlyphlessFont
{
    /// <summary>The PostScript and family name, as PDF's /BaseFont and /FontName show it (pdffonts lists it).</summary>
    public const string Name = "GlyphLessFont";

    /// <summary>1000 units per em, so the font's metrics read directly as PDF glyph-space thousandths.</summary>
    public const int UnitsPerEm = 1000;

    /// <summary>
    /// Every glyph's advance: half an em, as in Tesseract. The value is arbitrary because the writer scales each line
    /// horizontally (Tz) so that its advance equals the line's width; half an em keeps the scale near 100 % for Latin.
    /// </summary>
    public const int Advance = 500;

    /// <summary>
    /// Ascender and descender: 0.8 em above the baseline and 0.2 em below, which together make one em. Text extraction
    /// (poppler) takes a word's box from these, so a font size equal to the line's height gives a box equal to the line's
    /// box, with the baseline a fifth of the way up, about where real text puts it.
    /// </summary>
    public const int Ascender = 800;

    /// <inheritdoc cref="Ascender"/>
    public const int Descender = -200;

    /// <summary>The glyph every CID maps to (the empty one).</summary>
    public const ushort EmptyGlyph = 1;

    public const int GlyphCount = 2;

    private static readonly Lazy<byte[]> s_bytes = new(Build);

    /// <summary>The font file, identical on every call and every run.</summary>
    public static ReadOnlyMemory<byte> Bytes => s_bytes.Value;

    private static byte[] Build()
    {
        (byte[] glyf, byte[] loca) = GlyfAndLoca();
        return SfntFileBuilder.Build(
        [
            ("head", Head()),
            ("hhea", Hhea()),
            ("maxp", Maxp()),
            ("OS/2", Os2()),
            ("hmtx", Hmtx()),
            ("cmap", Cmap()),
            ("loca", loca),
            ("glyf", glyf),
            ("name", NameTable()),
            ("post", Post()),
        ]);
    }
}
