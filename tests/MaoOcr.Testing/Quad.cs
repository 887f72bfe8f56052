namespace MaoOcr.Testing;

/// <summary>
/// Four corners of a text box in image pixels, clockwise from the top-left corner of the text
/// (which, after a rotation or a perspective warp, need not be the top-left-most point).
/// </summary>
public readonly record struct Quad(PixelPoint TopLeft, PixelPoint TopRight, PixelPoint BottomRight, PixelPoint BottomLeft)
{
    /// <summary>The axis-aligned bounds of the four corners.</summary>
    public PixelRect Bounds => PixelRect.Enclosing([TopLeft, TopRight, BottomRight, BottomLeft]);

    /// <summary>The mean of the four corners.</summary>
    public PixelPoint Centre => new(
        (TopLeft.X + TopRight.X + BottomRight.X + BottomLeft.X) / 4f,
        (TopLeft.Y + TopRight.Y + BottomRight.Y + BottomLeft.Y) / 4f);

    /// <summary>The corners as an array, in the order top-left, top-right, bottom-right, bottom-left.</summary>
    public PixelPoint[] ToArray() => [TopLeft, TopRight, BottomRight, BottomLeft];

    public static Quad FromRect(PixelRect rect) => new(
        new PixelPoint(rect.Left, rect.Top),
        new PixelPoint(rect.Right, rect.Top),
        new PixelPoint(rect.Right, rect.Bottom),
        new PixelPoint(rect.Left, rect.Bottom));

    /// <summary>Builds a quad from exactly four corners in the order top-left, top-right, bottom-right, bottom-left.</summary>
    /// <exception cref="ArgumentException"><paramref name="corners"/> does not hold four points.</exception>
    public static Quad FromCorners(IReadOnlyList<PixelPoint> corners)
    {
        ArgumentNullException.ThrowIfNull(corners);
        if (corners.Count != 4)
        {
            throw new ArgumentException($"A quad needs 4 corners, got {corners.Count}.", nameof(corners));
        }
        return new Quad(corners[0], corners[1], corners[2], corners[3]);
    }

    /// <summary>The enclosed area in square pixels (shoelace formula; corners assumed to form a simple polygon).</summary>
    public float Area => Math.Abs(SignedArea([TopLeft, TopRight, BottomRight, BottomLeft]));

    /// <summary>Whether <paramref name="point"/> lies inside or on the quad, which must be convex (every text box is).</summary>
    public bool Contains(PixelPoint point)
    {
        ReadOnlySpan<PixelPoint> corners = [TopLeft, TopRight, BottomRight, BottomLeft];
        bool anyPositive = false, anyNegative = false;
        for (int i = 0; i < 4; i++)
        {
            float cross = Cross(corners[i], corners[(i + 1) & 3], point);
            anyPositive |= cross > 0;
            anyNegative |= cross < 0;
        }
        return !(anyPositive && anyNegative);
    }

    /// <summary>Area of the intersection with <paramref name="other"/>; both quads must be convex.</summary>
    public float IntersectionArea(Quad other)
    {
        if (other.Bounds.IntersectionArea(Bounds) <= 0f)
        {
            return 0f;
        }
        // Sutherland–Hodgman: clip this polygon by each edge of the other, kept on its inner side.
        PixelPoint[] clip = other.ToArray();
        float orientation = Math.Sign(SignedArea(clip));
        if (orientation == 0)
        {
            return 0f;
        }
        var polygon = new List<PixelPoint>(ToArray());
        var next = new List<PixelPoint>(8);
        for (int edge = 0; edge < 4 && polygon.Count > 0; edge++)
        {
            PixelPoint a = clip[edge], b = clip[(edge + 1) & 3];
            next.Clear();
            for (int i = 0; i < polygon.Count; i++)
            {
                PixelPoint current = polygon[i], previous = polygon[(i + polygon.Count - 1) % polygon.Count];
                bool currentIn = orientation * Cross(a, b, current) >= 0;
                bool previousIn = orientation * Cross(a, b, previous) >= 0;
                if (currentIn != previousIn)
                {
                    next.Add(LineIntersection(previous, current, a, b));
                }
                if (currentIn)
                {
                    next.Add(current);
                }
            }
            (polygon, next) = (next, polygon);
        }
        return polygon.Count < 3 ? 0f : Math.Abs(SignedArea(polygon.ToArray()));
    }

    /// <summary>Intersection over union of the two polygons, 0–1; both quads must be convex.</summary>
    public float IntersectionOverUnion(Quad other)
    {
        float intersection = IntersectionArea(other);
        float union = Area + other.Area - intersection;
        return union <= 0f ? 0f : Math.Clamp(intersection / union, 0f, 1f);
    }

    internal Quad Map(in Homography homography) => new(
        homography.Map(TopLeft),
        homography.Map(TopRight),
        homography.Map(BottomRight),
        homography.Map(BottomLeft));

    private static float Cross(PixelPoint a, PixelPoint b, PixelPoint p) => ((b.X - a.X) * (p.Y - a.Y)) - ((b.Y - a.Y) * (p.X - a.X));

    private static float SignedArea(ReadOnlySpan<PixelPoint> polygon)
    {
        double sum = 0;
        for (int i = 0; i < polygon.Length; i++)
        {
            PixelPoint a = polygon[i], b = polygon[(i + 1) % polygon.Length];
            sum += ((double)a.X * b.Y) - ((double)b.X * a.Y);
        }
        return (float)(sum / 2);
    }

    private static PixelPoint LineIntersection(PixelPoint p1, PixelPoint p2, PixelPoint q1, PixelPoint q2)
    {
        double dx = p2.X - p1.X, dy = p2.Y - p1.Y;
        double ex = q2.X - q1.X, ey = q2.Y - q1.Y;
        double denominator = (dx * ey) - (dy * ex);
        if (Math.Abs(denominator) < 1e-12)
        {
            return p2;
        }
        double t = (((q1.X - p1.X) * ey) - ((q1.Y - p1.Y) * ex)) / denominator;
        return new PixelPoint((float)(p1.X + (t * dx)), (float)(p1.Y + (t * dy)));
    }
}
