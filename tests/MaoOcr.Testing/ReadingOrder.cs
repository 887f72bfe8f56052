namespace MaoOcr.Testing;

/// <summary>Puts boxes in reading order in a frame turned so that the text runs horizontally.</summary>
internal static class ReadingOrder
{
    /// <summary>The mean text direction of <paramref name="boxes"/> in radians (0 = left to right), weighted by line length.</summary>
    public static double TextAngle(IReadOnlyList<Quad> boxes)
    {
        double x = 0, y = 0;
        foreach (Quad box in boxes)
        {
            x += (box.TopRight.X - box.TopLeft.X) + (box.BottomRight.X - box.BottomLeft.X);
            y += (box.TopRight.Y - box.TopLeft.Y) + (box.BottomRight.Y - box.BottomLeft.Y);
        }
        return x == 0 && y == 0 ? 0 : Math.Atan2(y, x);
    }

    /// <summary>Half the median line height: centres closer than this across the text direction share a row.</summary>
    public static float RowTolerance(IReadOnlyList<Quad> boxes)
    {
        if (boxes.Count == 0)
        {
            return 1f;
        }
        float[] heights = boxes.Select(b => (Distance(b.TopLeft, b.BottomLeft) + Distance(b.TopRight, b.BottomRight)) / 2f).Order().ToArray();
        return Math.Max(1f, heights[heights.Length / 2] / 2f);
    }

    /// <summary>Rows from top to bottom, each from left to right, measured after turning by -<paramref name="angle"/>.</summary>
    public static List<T> Sort<T>(IEnumerable<T> items, Func<T, Quad> box, double angle, float rowTolerance)
    {
        double cos = Math.Cos(-angle), sin = Math.Sin(-angle);
        var placed = items.Select(item =>
        {
            PixelPoint c = box(item).Centre;
            return (Item: item, X: (c.X * cos) - (c.Y * sin), Y: (c.X * sin) + (c.Y * cos));
        }).OrderBy(p => p.Y).ToList();

        var result = new List<T>(placed.Count);
        int start = 0;
        while (start < placed.Count)
        {
            int end = start + 1;
            while (end < placed.Count && placed[end].Y - placed[start].Y <= rowTolerance)
            {
                end++;
            }
            result.AddRange(placed.GetRange(start, end - start).OrderBy(p => p.X).Select(p => p.Item));
            start = end;
        }
        return result;
    }

    /// <summary>Pieces of one line, ordered along that line's direction.</summary>
    public static IEnumerable<PredictedLine> AlongLine(List<PredictedLine> pieces, Quad line)
    {
        if (pieces.Count < 2)
        {
            return pieces;
        }
        float dx = line.TopRight.X - line.TopLeft.X, dy = line.TopRight.Y - line.TopLeft.Y;
        return pieces.OrderBy(p => (p.Box.Centre.X * dx) + (p.Box.Centre.Y * dy));
    }

    private static float Distance(PixelPoint a, PixelPoint b) => MathF.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}
