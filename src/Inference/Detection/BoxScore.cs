using MaoOcr.Inference.Geometry;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Inference.Detection;

/// <summary>
/// DB's "fast" box score: the mean probability over the pixels inside the box's quadrilateral. A box whose
/// text is only a few noisy pixels scores low and is dropped.
/// </summary>
internal static class BoxScore
{
    /// <summary>
    /// As PaddleOCR's box_score_fast: corners truncated to whole pixels (pixel centres sit on whole numbers,
    /// as in the post-processor), then every pixel on or inside the polygon counts, both edges included.
    /// </summary>
    public static float Fast(ReadOnlySpan<float> map, int width, int height, Quad quad)
    {
        Span<ImagePoint> p = [Truncate(quad.P0), Truncate(quad.P1), Truncate(quad.P2), Truncate(quad.P3)];
        int yMin = Math.Clamp((int)MathF.Min(MathF.Min(p[0].Y, p[1].Y), MathF.Min(p[2].Y, p[3].Y)), 0, height - 1);
        int yMax = Math.Clamp((int)MathF.Max(MathF.Max(p[0].Y, p[1].Y), MathF.Max(p[2].Y, p[3].Y)), 0, height - 1);
        double sum = 0;
        int count = 0;
        for (int y = yMin; y <= yMax; y++)
        {
            float left = float.PositiveInfinity, right = float.NegativeInfinity;
            for (int i = 0; i < 4; i++)
            {
                ImagePoint a = p[i], b = p[(i + 1) & 3];
                if (y < MathF.Min(a.Y, b.Y) || y > MathF.Max(a.Y, b.Y))
                {
                    continue;
                }
                if (a.Y == b.Y)
                {
                    // A horizontal edge on this row: all of it is inside.
                    left = MathF.Min(left, MathF.Min(a.X, b.X));
                    right = MathF.Max(right, MathF.Max(a.X, b.X));
                    continue;
                }
                float x = a.X + ((y - a.Y) * (b.X - a.X) / (b.Y - a.Y));
                left = MathF.Min(left, x);
                right = MathF.Max(right, x);
            }
            if (left > right)
            {
                continue;
            }
            int x0 = Math.Clamp((int)MathF.Round(left), 0, width - 1);
            int x1 = Math.Clamp((int)MathF.Round(right), 0, width - 1);
            ReadOnlySpan<float> row = map.Slice((y * width) + x0, x1 - x0 + 1);
            foreach (float v in row)
            {
                sum += v;
            }
            count += row.Length;
        }
        return count == 0 ? 0f : (float)(sum / count);
    }

    private static ImagePoint Truncate(ImagePoint p) => new(MathF.Floor(p.X), MathF.Floor(p.Y));
}
