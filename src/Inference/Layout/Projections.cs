namespace MaoOcr.Inference.Layout;

/// <summary>
/// Rows and gutters of a set of lines, read off their projections on the y and x axes. Every method takes the
/// lines as indices into one <see cref="LineBox"/> array and sorts with the line index as the last key, so equal
/// boxes always come out in the same order.
/// </summary>
internal static class Projections
{
    /// <summary>
    /// Splits <paramref name="members"/> at every gap in the projection of the box middles (<see cref="LineBox.CoreTop"/>
    /// to <see cref="LineBox.CoreBottom"/>) on the y axis: slabs from top to bottom, each sorted left to right. On one
    /// column a slab is one row of text; lines side by side in columns whose baselines interleave share one slab.
    /// </summary>
    public static List<int[]> Slabs(LineBox[] boxes, IReadOnlyCollection<int> members)
    {
        int[] order = [.. members];
        Array.Sort(order, (a, b) => CompareTopDown(boxes[a], boxes[b]));
        var slabs = new List<int[]>();
        int start = 0;
        float bottom = float.NegativeInfinity;
        for (int i = 0; i < order.Length; i++)
        {
            LineBox box = boxes[order[i]];
            if (i > start && box.CoreTop >= bottom)
            {
                slabs.Add(LeftToRight(boxes, order.AsSpan(start, i - start)));
                start = i;
                bottom = float.NegativeInfinity;
            }
            bottom = MathF.Max(bottom, box.CoreBottom);
        }
        if (order.Length > 0)
        {
            slabs.Add(LeftToRight(boxes, order.AsSpan(start)));
        }
        return slabs;
    }

    /// <summary>Whether all of a slab's lines share one row: their middles have a height in common.</summary>
    public static bool IsSingleRow(LineBox[] boxes, int[] slab)
    {
        float top = float.NegativeInfinity, bottom = float.PositiveInfinity;
        foreach (int i in slab)
        {
            top = MathF.Max(top, boxes[i].CoreTop);
            bottom = MathF.Min(bottom, boxes[i].CoreBottom);
        }
        return top <= bottom;
    }

    /// <summary>
    /// The gaps at least <paramref name="minWidth"/> wide in the projection of <paramref name="members"/> on the x axis,
    /// left to right, between the leftmost and the rightmost box (the margins are not gaps).
    /// </summary>
    public static List<Gap> Gutters(LineBox[] boxes, IReadOnlyCollection<int> members, float minWidth)
    {
        var gaps = new List<Gap>();
        if (members.Count < 2)
        {
            return gaps;
        }
        int[] order = [.. members];
        Array.Sort(order, (a, b) => CompareLeftToRight(boxes[a], boxes[b]));
        float reach = boxes[order[0]].Right;
        for (int i = 1; i < order.Length; i++)
        {
            LineBox box = boxes[order[i]];
            if (box.Left - reach >= minWidth)
            {
                gaps.Add(new Gap(reach, box.Left));
            }
            reach = MathF.Max(reach, box.Right);
        }
        return gaps;
    }

    /// <summary>The lower median: the middle value, or the smaller of the two middle values; 0 for none.</summary>
    public static float LowerMedian(List<float> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }
        values.Sort();
        return values[(values.Count - 1) / 2];
    }

    private static int[] LeftToRight(LineBox[] boxes, ReadOnlySpan<int> slab)
    {
        int[] row = slab.ToArray();
        Array.Sort(row, (a, b) => CompareLeftToRight(boxes[a], boxes[b]));
        return row;
    }

    private static int CompareTopDown(LineBox a, LineBox b)
    {
        int c = a.CoreTop.CompareTo(b.CoreTop);
        return c != 0 ? c : CompareLeftToRight(a, b);
    }

    private static int CompareLeftToRight(LineBox a, LineBox b)
    {
        int c = a.Left.CompareTo(b.Left);
        if (c == 0)
        {
            c = a.Top.CompareTo(b.Top);
        }
        return c != 0 ? c : a.Line.CompareTo(b.Line);
    }
}
