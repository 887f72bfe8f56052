namespace MaoOcr.Testing;

/// <summary>An axis-aligned rectangle in image pixels, edges inclusive of <see cref="Left"/>/<see cref="Top"/>.</summary>
public readonly record struct PixelRect(float Left, float Top, float Right, float Bottom)
{
    public float Width => Right - Left;

    public float Height => Bottom - Top;

    /// <summary>The area in square pixels; 0 for an empty or inverted rectangle.</summary>
    public float Area => Math.Max(0f, Width) * Math.Max(0f, Height);

    public PixelPoint Centre => new((Left + Right) / 2f, (Top + Bottom) / 2f);

    public bool Contains(PixelPoint point) => point.X >= Left && point.X <= Right && point.Y >= Top && point.Y <= Bottom;

    /// <summary>Whether this rectangle lies inside <paramref name="outer"/>, allowing <paramref name="tolerance"/> pixels on every side.</summary>
    public bool IsInside(PixelRect outer, float tolerance = 0f) =>
        Left >= outer.Left - tolerance && Top >= outer.Top - tolerance && Right <= outer.Right + tolerance && Bottom <= outer.Bottom + tolerance;

    /// <summary>Area of the intersection; 0 when the rectangles do not overlap.</summary>
    public float IntersectionArea(PixelRect other)
    {
        float width = Math.Min(Right, other.Right) - Math.Max(Left, other.Left);
        float height = Math.Min(Bottom, other.Bottom) - Math.Max(Top, other.Top);
        return width <= 0f || height <= 0f ? 0f : width * height;
    }

    /// <summary>Intersection over union, 0–1; 0 when either rectangle is empty.</summary>
    public float IntersectionOverUnion(PixelRect other)
    {
        float intersection = IntersectionArea(other);
        float union = Area + other.Area - intersection;
        return union <= 0f ? 0f : intersection / union;
    }

    /// <summary>The smallest rectangle holding all <paramref name="points"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="points"/> is empty.</exception>
    public static PixelRect Enclosing(ReadOnlySpan<PixelPoint> points)
    {
        if (points.IsEmpty)
        {
            throw new ArgumentException("At least one point is needed.", nameof(points));
        }
        float left = float.MaxValue, top = float.MaxValue, right = float.MinValue, bottom = float.MinValue;
        foreach (PixelPoint p in points)
        {
            left = Math.Min(left, p.X);
            top = Math.Min(top, p.Y);
            right = Math.Max(right, p.X);
            bottom = Math.Max(bottom, p.Y);
        }
        return new PixelRect(left, top, right, bottom);
    }
}
