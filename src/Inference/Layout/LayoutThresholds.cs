namespace MaoOcr.Inference.Layout;

/// <summary>
/// The layout analysis' parameters. Lengths are in line heights (the median height of the page's line boxes, or of
/// a column's where said), so the analysis works the same at any resolution; each says where its value comes from.
/// </summary>
internal static class LayoutThresholds
{
    /// <summary>Pixels: a degenerate (zero-width or zero-height) box is grown to this so every ratio is defined.</summary>
    public const float MinSide = 1f;

    /// <summary>
    /// Pixels: a corner farther than this from the origin makes the line unusable. JPEG and GIF sides stop at 65 535
    /// pixels; a million leaves room for any image the decoder's pixel limit lets through and keeps sums of
    /// coordinates far from float overflow.
    /// </summary>
    public const float MaxCoordinate = 1_000_000f;

    /// <summary>
    /// Degrees: a page skewed more than this is laid out as it stands. Scanner and phone skew is a few degrees; past
    /// 15° the detector's corner order (leftmost two points first) stops following the text, and quarter turns are
    /// the orientation stage's job.
    /// </summary>
    public const float MaxDeskewDegrees = 15f;

    /// <summary>
    /// Only boxes at least this many times wider than tall vote on the skew: the direction of a short word's
    /// minimum-area box is noise, a line's is not.
    /// </summary>
    public const float SkewVoterAspect = 2f;

    /// <summary>
    /// Fraction of a box's height cut from its top and from its bottom before rows are found, keeping the middle half.
    /// DB's unclip (ratio 1.5) grows boxes so that lines set solid touch; their middles stay apart at any line pitch
    /// over half a line height, and pieces of one line with and without descenders still overlap.
    /// </summary>
    public const float CoreMargin = 0.25f;

    /// <summary>
    /// Line heights: the narrowest vertical gap that separates columns (or table cells). LaTeX's two-column gutter is
    /// 10 pt with 10 pt type, one em, and a detector box is about 1.2 em tall: 0.83. Word spaces (a third of an em)
    /// stay far below, and the detector seldom splits a line at them anyway.
    /// </summary>
    public const float MinGutterHeights = 0.8f;

    /// <summary>
    /// Line heights: rows whose cells have a median width under this read as a table, row by row, and not as columns.
    /// A line of running text in a column holds 20 characters or more (newspaper columns 25–35, Bringhurst's
    /// comfortable measure 45–75), about 10 em of Latin (half an em a character) or CJK (an em each): over 8 box
    /// heights. A table cell holds a word or a number.
    /// </summary>
    public const float TableCellMaxWidthHeights = 8f;

    /// <summary>
    /// Line heights: a gap between two lines of a column larger than the column's usual gap by this much starts a
    /// new block. Word processors put 8–10 pt after a paragraph of 11 pt text (0.6 box heights); half a height is
    /// below that and above the ±0.2 h that ascenders and descenders add to the gaps between lines of one paragraph.
    /// </summary>
    public const float ParagraphGapHeights = 0.5f;

    /// <summary>
    /// Line heights: gaps up to this count towards a column's usual gap between lines. Double spacing leaves about
    /// 0.8 h between boxes; anything larger is a break, never line spacing.
    /// </summary>
    public const float UsualGapMaxHeights = 1f;

    /// <summary>
    /// A row this many times taller than its column's median line is a title or heading, a block of its own. Titles
    /// are set 1.5–2.5 times the body size (Word's Title style is 28 pt over 11 pt, LaTeX's \LARGE 1.7 times); lines
    /// without ascenders are shorter than the median, never taller, so they do not break paragraphs.
    /// </summary>
    public const float TitleHeightRatio = 1.5f;

    /// <summary>
    /// A row continues the block above only when their horizontal extents overlap by this fraction of the narrower:
    /// a paragraph's lines share a left edge (or a centre), a label beside or under another does not.
    /// </summary>
    public const float MinRowOverlap = 0.5f;

    /// <summary>
    /// Columns nested in columns deeper than this are read as one column. Real pages nest two or three levels (a
    /// table in a column of a page); the bound keeps hostile input from recursing once per line.
    /// </summary>
    public const int MaxDepth = 32;
}
