using MaoOcr.Inference.Geometry;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Inference.Detection;

/// <summary>
/// DB's "fast" box score: the mean probability over the pixels inside the box's quadrilateral. A box whose
/// text is only a few noisy pixels scores low and is dropped.
/// </summary>
internal static class BoxScore
{
    public static float Fast(ReadOnlySpan<float> map, int width, int height, Quad quad)
    {
        Span<PointF> p = [quad.P0, quad.P1, quad.P2, quad.P3];
        int yMin = Math.Clamp((int)MathF.Floor(quad.MinY), 0, height - 1);
        int yMax = Math.Clamp((int)MathF.Ceiling(quad.MaxY), 0, height - 1);
        double sum = 0;
        int count = 0;
        for (int y = yMin; y <= yMax; y++)
        {
            // Intersect the row's centre line with the convex quad's edges.
            float cy = y + 0.5f;
            float left = float.PositiveInfinity, right = float.NegativeInfinity;
            for (int i = 0; i < 4; i++)
            {
                PointF a = p[i], b = p[(i + 1) & 3];
                if ((a.Y <= cy && b.Y > cy) || (b.Y <= cy && a.Y > cy))
                {
                    float x = a.X + ((cy - a.Y) * (b.X - a.X) / (b.Y - a.Y));
                    left = MathF.Min(left, x);
                    right = MathF.Max(right, x);
                }
            }
            if (left > right)
            {
                continue;
            }
            int x0 = Math.Clamp((int)MathF.Floor(left), 0, width - 1);
            int x1 = Math.Clamp((int)MathF.Ceiling(right), 0, width - 1);
            ReadOnlySpan<float> row = map.Slice((y * width) + x0, x1 - x0 + 1);
            foreach (float v in row)
            {
                sum += v;
            }
            count += row.Length;
        }
        return count == 0 ? 0f : (float)(sum / count);
    }
}
