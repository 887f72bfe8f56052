using MaoOcr.Documents.Pdf.Writing.Fonts;

namespace MaoOcr.Documents.Pdf.Writing;

/// <summary>
/// Where and how big one line's invisible text goes: a text matrix that follows the line's angle, a font size equal to
/// the line's height, and a horizontal scale (Tz) that stretches the text's advance to the line's width.
/// </summary>
/// <param name="Cos">The text matrix's a (and d): the cosine of the line's angle.</param>
/// <param name="Sin">The text matrix's b (and −c): the sine of the line's angle.</param>
/// <param name="OriginX">The baseline's start in points (the text matrix's e).</param>
/// <param name="OriginY">The baseline's start in points (the text matrix's f).</param>
/// <param name="FontSize">The Tf size in points.</param>
/// <param name="HorizontalScaling">The Tz operand, in percent.</param>
internal readonly record struct LinePlacement(double Cos, double Sin, double OriginX, double OriginY, double FontSize, double HorizontalScaling)
{
    /// <summary>
    /// The smallest font size and the smallest line width written, in points: a degenerate box (zero height or width,
    /// as a detector can report for a sliver) still gets a findable text layer rather than a zero-size font, which
    /// some readers refuse.
    /// </summary>
    internal const double MinimumExtentPoints = 0.01;

    /// <summary>
    /// The narrowest horizontal scale, in percent, before the font is made smaller instead. Poppler starts a new word
    /// only where the gap before a character exceeds 0.1 of the font size, and takes characters closer than 0.1 of it
    /// for duplicates (minWordBreakSpace and dupMaxPriDelta in its TextOutputDev.cc); at 50 % a glyph, and so a space,
    /// advances 0.25 of the font size, well clear of both. Real text needs 80–250 % (Latin glyphs are about 0.6 of
    /// the line's height wide, CJK ones about 1.1), so only text squeezed into too short a box is shrunk.
    /// </summary>
    internal const double MinimumScalingPercent = 50;

    /// <summary>
    /// Bounds on Tz, in percent, so that the numbers stay sane: the lower one is reached only when the font is already
    /// at <see cref="MinimumExtentPoints"/>, the upper one by one character spread over a whole page.
    /// </summary>
    internal const double SmallestScalingPercent = 0.01;

    /// <inheritdoc cref="SmallestScalingPercent"/>
    internal const double MaximumScalingPercent = 1_000_000;

    /// <summary>The fraction of the font size below the baseline: the font's descender.</summary>
    private const double DescentFraction = -(double)GlyphlessFont.Descender / GlyphlessFont.UnitsPerEm;

    /// <summary>One glyph's advance as a fraction of the font size.</summary>
    private const double AdvanceFraction = (double)GlyphlessFont.Advance / GlyphlessFont.UnitsPerEm;

    /// <summary>Places a line of <paramref name="glyphCount"/> glyphs (at least 1) in the quad <paramref name="line"/>.</summary>
    public static LinePlacement Create(PdfTextLine line, PageMapping mapping, int glyphCount)
    {
        (double tlX, double tlY) = mapping.Map(line.TopLeft);
        (double trX, double trY) = mapping.Map(line.TopRight);
        (double brX, double brY) = mapping.Map(line.BottomRight);
        (double blX, double blY) = mapping.Map(line.BottomLeft);

        // The reading direction: the mean of the top and bottom edges, so a slightly skewed quad gets its mean angle.
        double dx = ((trX - tlX) + (brX - blX)) / 2;
        double dy = ((trY - tlY) + (brY - blY)) / 2;
        double width = Math.Sqrt((dx * dx) + (dy * dy));
        double cos = 1, sin = 0;
        if (width > 0)
        {
            cos = dx / width;
            sin = dy / width;
        }

        // The height is the mean of the left and right edges measured across the reading direction (along the
        // normal "up", (−sin, cos)), so a parallelogram from a non-uniform page scale still gets its true height.
        double upX = ((tlX - blX) + (trX - brX)) / 2;
        double upY = ((tlY - blY) + (trY - brY)) / 2;
        double height = Math.Abs((upX * -sin) + (upY * cos));

        // The font size is the line's height, unless the text is so long for its box that it would need a scale
        // below MinimumScalingPercent: then the font shrinks until that scale fits, and the text is centred across
        // the box's height.
        width = Math.Max(width, MinimumExtentPoints);
        double fontSize = Math.Min(Math.Max(height, MinimumExtentPoints), 100 * width / (glyphCount * AdvanceFraction * MinimumScalingPercent));
        fontSize = Math.Max(fontSize, MinimumExtentPoints);
        double scaling = Math.Clamp(100 * width / (glyphCount * AdvanceFraction * fontSize), SmallestScalingPercent, MaximumScalingPercent);

        // The baseline sits the descent above the bottom of the text's band, so the font's ascent reaches its top;
        // the band is the whole box unless the font was shrunk.
        double lift = (Math.Max(height - fontSize, 0) / 2) + (DescentFraction * fontSize);
        return new LinePlacement(cos, sin, blX - (lift * sin), blY + (lift * cos), fontSize, scaling);
    }
}
