namespace MaoOcr.Inference.Layout;

/// <summary>
/// Cuts one column (rows with no gutter between them, top to bottom) into blocks. A row continues the block above
/// unless the gap between them is larger than the column's usual gap by <see cref="LayoutThresholds.ParagraphGapHeights"/>,
/// exactly one of the two is a title (<see cref="LayoutThresholds.TitleHeightRatio"/>), or they overlap horizontally
/// by less than <see cref="LayoutThresholds.MinRowOverlap"/>. Paragraphs set without space between them (first-line
/// indents only) stay one block.
/// </summary>
internal static class ParagraphGrouper
{
    /// <param name="rows">The column's rows top to bottom, each sorted left to right.</param>
    public static void Group(LineBox[] boxes, IReadOnlyList<int[]> rows, List<LayoutBlock> blocks)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var extents = new RowExtent[rows.Count];
        var heights = new List<float>();
        for (int r = 0; r < rows.Count; r++)
        {
            extents[r] = RowExtent.Of(boxes, rows[r]);
            foreach (int i in rows[r])
            {
                heights.Add(boxes[i].Height);
            }
        }
        float lineHeight = Projections.LowerMedian(heights);

        var gaps = new List<float>(rows.Count);
        for (int r = 1; r < rows.Count; r++)
        {
            float gap = extents[r].Top - extents[r - 1].Bottom;
            if (gap <= LayoutThresholds.UsualGapMaxHeights * lineHeight)
            {
                gaps.Add(MathF.Max(gap, 0));
            }
        }
        float breakGap = Projections.LowerMedian(gaps) + (LayoutThresholds.ParagraphGapHeights * lineHeight);
        float titleHeight = LayoutThresholds.TitleHeightRatio * lineHeight;

        var block = new List<int[]> { rows[0] };
        for (int r = 1; r < rows.Count; r++)
        {
            RowExtent above = extents[r - 1], row = extents[r];
            float overlap = MathF.Min(above.Right, row.Right) - MathF.Max(above.Left, row.Left);
            bool breaks = row.Top - above.Bottom > breakGap
                || (above.Height > titleHeight) != (row.Height > titleHeight)
                || overlap < LayoutThresholds.MinRowOverlap * MathF.Min(above.Width, row.Width);
            if (breaks)
            {
                blocks.Add(new LayoutBlock(block));
                block = [];
            }
            block.Add(rows[r]);
        }
        blocks.Add(new LayoutBlock(block));
    }

    private readonly record struct RowExtent(float Left, float Top, float Right, float Bottom, float Height)
    {
        public float Width => Right - Left;

        public static RowExtent Of(LineBox[] boxes, int[] row)
        {
            float left = float.PositiveInfinity, top = float.PositiveInfinity;
            float right = float.NegativeInfinity, bottom = float.NegativeInfinity, height = 0;
            foreach (int i in row)
            {
                LineBox box = boxes[i];
                left = MathF.Min(left, box.Left);
                top = MathF.Min(top, box.Top);
                right = MathF.Max(right, box.Right);
                bottom = MathF.Max(bottom, box.Bottom);
                height = MathF.Max(height, box.Height);
            }
            return new RowExtent(left, top, right, bottom, height);
        }
    }
}
