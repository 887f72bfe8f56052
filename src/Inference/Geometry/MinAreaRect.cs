using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Inference.Geometry;

/// <summary>Minimum-area enclosing rectangle by rotating calipers: one of its sides lies on a hull edge.</summary>
internal static class MinAreaRect
{
    /// <summary>The smallest rectangle around a convex polygon given in order.</summary>
    public static RotatedRect OfConvexPolygon(ReadOnlySpan<ImagePoint> hull)
    {
        int n = hull.Length;
        if (n == 0)
        {
            return default;
        }
        if (n == 1)
        {
            return new RotatedRect(hull[0], 0, 0, 1, 0);
        }

        float bestArea = float.PositiveInfinity;
        RotatedRect best = default;
        for (int i = 0; i < n; i++)
        {
            ImagePoint a = hull[i];
            ImagePoint b = hull[(i + 1) % n];
            float ex = b.X - a.X, ey = b.Y - a.Y;
            float length = MathF.Sqrt((ex * ex) + (ey * ey));
            if (length < 1e-6f)
            {
                continue;
            }
            ex /= length;
            ey /= length;
            // Project every vertex on the edge direction (u) and its normal (v).
            float minU = float.PositiveInfinity, maxU = float.NegativeInfinity;
            float minV = float.PositiveInfinity, maxV = float.NegativeInfinity;
            for (int j = 0; j < n; j++)
            {
                float dx = hull[j].X - a.X, dy = hull[j].Y - a.Y;
                float u = (dx * ex) + (dy * ey);
                float v = (-dx * ey) + (dy * ex);
                minU = MathF.Min(minU, u);
                maxU = MathF.Max(maxU, u);
                minV = MathF.Min(minV, v);
                maxV = MathF.Max(maxV, v);
            }
            float width = maxU - minU, height = maxV - minV;
            float area = width * height;
            if (area < bestArea)
            {
                bestArea = area;
                float cu = (minU + maxU) / 2, cv = (minV + maxV) / 2;
                var center = new ImagePoint(a.X + (cu * ex) - (cv * ey), a.Y + (cu * ey) + (cv * ex));
                best = new RotatedRect(center, width, height, ex, ey);
            }
        }
        // Every edge was degenerate: all points coincide.
        return float.IsPositiveInfinity(bestArea) ? new RotatedRect(hull[0], 0, 0, 1, 0) : best;
    }
}
