using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Inference.Geometry;

/// <summary>
/// Four corners of a text region in image pixels, ordered top-left, top-right, bottom-right, bottom-left
/// as the text reads: P0→P1 is the reading direction. Turning a crop is a rotation of this order, so the
/// pipeline never copies pixels to rotate.
/// </summary>
internal readonly record struct Quad(ImagePoint P0, ImagePoint P1, ImagePoint P2, ImagePoint P3)
{
    /// <summary>Length of the reading direction: the longer of the top and bottom edges.</summary>
    public float Width => MathF.Max(Distance(P0, P1), Distance(P3, P2));

    /// <summary>Length across the reading direction: the longer of the left and right edges.</summary>
    public float Height => MathF.Max(Distance(P0, P3), Distance(P1, P2));

    /// <summary>The same region read after turning it 90° counter-clockwise (numpy's rot90).</summary>
    public Quad RotatedCounterClockwise() => new(P1, P2, P3, P0);

    /// <summary>The same region turned upside down.</summary>
    public Quad Rotated180() => new(P2, P3, P0, P1);

    public ImagePoint[] ToArray() => [P0, P1, P2, P3];

    /// <summary>
    /// Grows the quad along its own axes: by <paramref name="across"/> pixels above and below the text and
    /// <paramref name="along"/> pixels before and after it.
    /// </summary>
    public Quad Expand(float across, float along)
    {
        float w = MathF.Max(Width, 1e-3f), h = MathF.Max(Height, 1e-3f);
        // Unit vectors of the reading direction (top edge) and of "down the text" (left edge).
        float ux = (P1.X - P0.X) / w, uy = (P1.Y - P0.Y) / w;
        float vx = (P3.X - P0.X) / h, vy = (P3.Y - P0.Y) / h;
        return new Quad(Move(P0, -1, -1), Move(P1, 1, -1), Move(P2, 1, 1), Move(P3, -1, 1));

        ImagePoint Move(ImagePoint p, int su, int sv) => new(p.X + (su * along * ux) + (sv * across * vx), p.Y + (su * along * uy) + (sv * across * vy));
    }

    public float MinY => MathF.Min(MathF.Min(P0.Y, P1.Y), MathF.Min(P2.Y, P3.Y));

    public float MaxY => MathF.Max(MathF.Max(P0.Y, P1.Y), MathF.Max(P2.Y, P3.Y));

    public float MinX => MathF.Min(MathF.Min(P0.X, P1.X), MathF.Min(P2.X, P3.X));

    /// <summary>
    /// Orders four corners as PaddleOCR's get_mini_boxes does: the two leftmost points give top-left and
    /// bottom-left by y, the two rightmost give top-right and bottom-right.
    /// </summary>
    public static Quad FromCorners(ReadOnlySpan<ImagePoint> corners)
    {
        if (corners.Length != 4)
        {
            throw new ArgumentException("A quad has exactly four corners.", nameof(corners));
        }
        Span<ImagePoint> p = stackalloc ImagePoint[4];
        corners.CopyTo(p);
        // Insertion sort by x (four elements).
        for (int i = 1; i < 4; i++)
        {
            ImagePoint v = p[i];
            int j = i - 1;
            while (j >= 0 && p[j].X > v.X)
            {
                p[j + 1] = p[j];
                j--;
            }
            p[j + 1] = v;
        }
        (ImagePoint topLeft, ImagePoint bottomLeft) = p[0].Y <= p[1].Y ? (p[0], p[1]) : (p[1], p[0]);
        (ImagePoint topRight, ImagePoint bottomRight) = p[2].Y <= p[3].Y ? (p[2], p[3]) : (p[3], p[2]);
        return new Quad(topLeft, topRight, bottomRight, bottomLeft);
    }

    private static float Distance(ImagePoint a, ImagePoint b) => MathF.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}
