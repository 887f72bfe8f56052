using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Inference.Geometry;

/// <summary>Andrew's monotone chain. Input points are sorted in place; the hull is written counter-clockwise
/// (in y-up terms) without repeating the first point.</summary>
internal static class ConvexHull
{
    /// <summary>Writes the hull of <paramref name="points"/> into <paramref name="hull"/> (length ≥ points + 1) and returns its size.</summary>
    public static int Compute(Span<ImagePoint> points, Span<ImagePoint> hull)
    {
        int n = points.Length;
        if (n < 3)
        {
            points.CopyTo(hull);
            return n;
        }
        points.Sort(static (a, b) => a.X != b.X ? a.X.CompareTo(b.X) : a.Y.CompareTo(b.Y));

        int k = 0;
        for (int i = 0; i < n; i++)
        {
            while (k >= 2 && Cross(hull[k - 2], hull[k - 1], points[i]) <= 0)
            {
                k--;
            }
            hull[k++] = points[i];
        }
        for (int i = n - 2, lower = k + 1; i >= 0; i--)
        {
            while (k >= lower && Cross(hull[k - 2], hull[k - 1], points[i]) <= 0)
            {
                k--;
            }
            hull[k++] = points[i];
        }
        return k - 1;
    }

    private static float Cross(ImagePoint o, ImagePoint a, ImagePoint b) => ((a.X - o.X) * (b.Y - o.Y)) - ((a.Y - o.Y) * (b.X - o.X));
}
