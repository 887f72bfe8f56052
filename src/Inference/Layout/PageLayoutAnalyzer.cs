using System.Text;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Inference.Layout;

/// <summary>
/// Finds the blocks of a page (paragraphs, table rows, lone labels) and the order a person reads them in: columns
/// left to right, each top to bottom, with a title or footer that spans the columns before or after them. Pure and
/// deterministic: input order matters only between lines with identical boxes. See docs/design/layout.md.
/// </summary>
internal static class PageLayoutAnalyzer
{
    /// <summary>Lays out recognised lines.</summary>
    /// <param name="lines">Lines in any order; a line whose box is not four finite corners within <see cref="LayoutThresholds.MaxCoordinate"/> is left out of the result.</param>
    /// <exception cref="ArgumentNullException"><paramref name="lines"/> is null.</exception>
    public static LayoutResult Analyze(IReadOnlyList<RecognizedLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var usable = new List<RecognizedLine>(lines.Count);
        foreach (RecognizedLine? line in lines)
        {
            if (line?.Box is { Count: 4 } box && IsUsable(box))
            {
                usable.Add(line);
            }
        }
        if (usable.Count == 0)
        {
            return new LayoutResult([], [], "");
        }

        PageFrame frame = PageFrame.Estimate(usable.ConvertAll(static line => line.Box));
        var boxes = new LineBox[usable.Count];
        var heights = new List<float>(usable.Count);
        for (int i = 0; i < boxes.Length; i++)
        {
            boxes[i] = Upright(frame, usable[i].Box, i);
            heights.Add(boxes[i].Height);
        }
        float minGutter = LayoutThresholds.MinGutterHeights * Projections.LowerMedian(heights);
        List<LayoutBlock> found = XyCut.Order(boxes, minGutter);
        return Build(usable, boxes, frame, found);
    }

    private static LayoutResult Build(List<RecognizedLine> usable, LineBox[] boxes, PageFrame frame, List<LayoutBlock> found)
    {
        var ordered = new List<RecognizedLine>(usable.Count);
        var blocks = new List<TextBlock>(found.Count);
        var page = new StringBuilder();
        foreach (LayoutBlock block in found)
        {
            var indices = new List<int>();
            float left = float.PositiveInfinity, top = float.PositiveInfinity;
            float right = float.NegativeInfinity, bottom = float.NegativeInfinity;
            foreach (int[] row in block.Rows)
            {
                foreach (int i in row)
                {
                    indices.Add(ordered.Count);
                    ordered.Add(usable[i]);
                    left = MathF.Min(left, boxes[i].Left);
                    top = MathF.Min(top, boxes[i].Top);
                    right = MathF.Max(right, boxes[i].Right);
                    bottom = MathF.Max(bottom, boxes[i].Bottom);
                }
            }
            string text = BlockText.Join(block.Rows.Select(row => row.Select(i => usable[i].Text)));
            ImagePoint[] corners =
            [
                frame.ToImage(new ImagePoint(left, top)),
                frame.ToImage(new ImagePoint(right, top)),
                frame.ToImage(new ImagePoint(right, bottom)),
                frame.ToImage(new ImagePoint(left, bottom)),
            ];
            blocks.Add(new TextBlock(indices, corners, text));
            if (text.Length > 0)
            {
                if (page.Length > 0)
                {
                    page.Append(BlockText.BlockSeparator);
                }
                page.Append(text);
            }
        }
        return new LayoutResult(ordered, blocks, page.ToString());
    }

    private static bool IsUsable(IReadOnlyList<ImagePoint> box)
    {
        foreach (ImagePoint p in box)
        {
            if (!(MathF.Abs(p.X) <= LayoutThresholds.MaxCoordinate && MathF.Abs(p.Y) <= LayoutThresholds.MaxCoordinate))
            {
                // Also false for NaN.
                return false;
            }
        }
        return true;
    }

    /// <summary>The box's bounds in the upright frame, grown to <see cref="LayoutThresholds.MinSide"/> where degenerate.</summary>
    private static LineBox Upright(PageFrame frame, IReadOnlyList<ImagePoint> box, int index)
    {
        float left = float.PositiveInfinity, top = float.PositiveInfinity;
        float right = float.NegativeInfinity, bottom = float.NegativeInfinity;
        foreach (ImagePoint corner in box)
        {
            ImagePoint p = frame.ToFrame(corner);
            left = MathF.Min(left, p.X);
            top = MathF.Min(top, p.Y);
            right = MathF.Max(right, p.X);
            bottom = MathF.Max(bottom, p.Y);
        }
        float growX = MathF.Max(0, LayoutThresholds.MinSide - (right - left)) / 2;
        float growY = MathF.Max(0, LayoutThresholds.MinSide - (bottom - top)) / 2;
        return new LineBox(index, left - growX, top - growY, right + growX, bottom + growY);
    }
}
