using MaoOcr.Inference.Geometry;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Inference.Tests.Geometry;

/// <summary>Shapes and checks shared by the geometry tests.</summary>
internal static class Shapes
{
    /// <summary>The corners of a <paramref name="width"/>×<paramref name="height"/> rectangle turned by <paramref name="degrees"/>
    /// (clockwise on screen, y down) about <paramref name="center"/>, in reading order: top-left, top-right, bottom-right, bottom-left.</summary>
    public static ImagePoint[] RotatedRectangle(ImagePoint center, float width, float height, float degrees)
    {
        float a = degrees * MathF.PI / 180;
        float c = MathF.Cos(a), s = MathF.Sin(a);
        (float X, float Y)[] local = [(-width / 2, -height / 2), (width / 2, -height / 2), (width / 2, height / 2), (-width / 2, height / 2)];
        return local.Select(p => new ImagePoint(center.X + (p.X * c) - (p.Y * s), center.Y + (p.X * s) + (p.Y * c))).ToArray();
    }

    public static Quad QuadOf(ImagePoint[] corners) => new(corners[0], corners[1], corners[2], corners[3]);

    /// <summary>Whether <paramref name="p"/> is inside <paramref name="rect"/>, allowing <paramref name="tolerance"/> pixels.</summary>
    public static bool Contains(RotatedRect rect, ImagePoint p, float tolerance)
    {
        float dx = p.X - rect.Center.X, dy = p.Y - rect.Center.Y;
        float u = (dx * rect.AxisX) + (dy * rect.AxisY);
        float v = (-dx * rect.AxisY) + (dy * rect.AxisX);
        return MathF.Abs(u) <= (rect.Width / 2) + tolerance && MathF.Abs(v) <= (rect.Height / 2) + tolerance;
    }

    public static float Distance(ImagePoint a, ImagePoint b) => MathF.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

    /// <summary>Shoelace area of a simple polygon.</summary>
    public static float PolygonArea(ReadOnlySpan<ImagePoint> polygon)
    {
        double sum = 0;
        for (int i = 0; i < polygon.Length; i++)
        {
            ImagePoint a = polygon[i], b = polygon[(i + 1) % polygon.Length];
            sum += ((double)a.X * b.Y) - ((double)b.X * a.Y);
        }
        return (float)Math.Abs(sum / 2);
    }

    public static void Shuffle<T>(Random random, T[] items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
