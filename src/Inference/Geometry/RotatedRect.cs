using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Inference.Geometry;

/// <summary>A rectangle at any angle: centre, side lengths along two perpendicular unit axes.</summary>
internal readonly record struct RotatedRect(ImagePoint Center, float Width, float Height, float AxisX, float AxisY)
{
    public float Area => Width * Height;

    public float ShortSide => MathF.Min(Width, Height);

    /// <summary>The four corners, in no particular order (use <see cref="Quad.FromCorners"/>).</summary>
    public void GetCorners(Span<ImagePoint> corners)
    {
        float hx = Width / 2, hy = Height / 2;
        // Second axis is the first turned by 90°.
        float ux = AxisX * hx, uy = AxisY * hx;
        float vx = -AxisY * hy, vy = AxisX * hy;
        corners[0] = new ImagePoint(Center.X - ux - vx, Center.Y - uy - vy);
        corners[1] = new ImagePoint(Center.X + ux - vx, Center.Y + uy - vy);
        corners[2] = new ImagePoint(Center.X + ux + vx, Center.Y + uy + vy);
        corners[3] = new ImagePoint(Center.X - ux + vx, Center.Y - uy + vy);
    }

    public Quad ToQuad()
    {
        Span<ImagePoint> corners = stackalloc ImagePoint[4];
        GetCorners(corners);
        return Quad.FromCorners(corners);
    }

    /// <summary>
    /// DB's unclip: the detector predicts text shrunk by the Vatti offset, so each box is grown back by
    /// distance = area × ratio / perimeter. Offsetting a rectangle with round joins (what pyclipper does
    /// in PaddleOCR) and taking the minimum-area rectangle of the result gives exactly the rectangle grown
    /// by that distance on every side, so no polygon clipping is needed.
    /// </summary>
    public RotatedRect Unclip(float ratio)
    {
        float perimeter = 2 * (Width + Height);
        if (perimeter <= 0)
        {
            return this;
        }
        float distance = Area * ratio / perimeter;
        return this with { Width = Width + (2 * distance), Height = Height + (2 * distance) };
    }
}
