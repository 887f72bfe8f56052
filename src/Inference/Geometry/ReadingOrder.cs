namespace MaoOcr.Inference.Geometry;

/// <summary>
/// Sorts text regions top to bottom, then left to right within a visual line. Two regions share a line
/// when their vertical centres are closer than half the smaller height: PaddleOCR uses a fixed 10 px,
/// which splits lines on large images and merges them on small ones.
/// </summary>
internal static class ReadingOrder
{
    public static void Sort<T>(List<T> items, Func<T, Quad> quadOf)
    {
        items.Sort((a, b) => quadOf(a).MinY.CompareTo(quadOf(b).MinY));
        // Insertion pass: move a region left past earlier ones on the same line that start to its right.
        for (int i = 1; i < items.Count; i++)
        {
            T current = items[i];
            Quad q = quadOf(current);
            int j = i - 1;
            while (j >= 0 && SameLine(quadOf(items[j]), q) && quadOf(items[j]).MinX > q.MinX)
            {
                items[j + 1] = items[j];
                j--;
            }
            items[j + 1] = current;
        }
    }

    internal static bool SameLine(Quad a, Quad b)
    {
        float centerA = (a.MinY + a.MaxY) / 2, centerB = (b.MinY + b.MaxY) / 2;
        float height = MathF.Min(a.MaxY - a.MinY, b.MaxY - b.MinY);
        return MathF.Abs(centerA - centerB) < height / 2;
    }
}
