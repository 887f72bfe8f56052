using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Inference.Layout;

/// <summary>
/// The page turned upright: rotating every corner by minus the page's skew makes lines horizontal, so rows and
/// columns become gaps in the projections on the axes. Block boxes are turned back when the analysis is done.
/// </summary>
internal readonly struct PageFrame
{
    private readonly float _cos;
    private readonly float _sin;

    private PageFrame(float radians)
    {
        Radians = radians;
        _cos = MathF.Cos(radians);
        _sin = MathF.Sin(radians);
    }

    /// <summary>The page's skew: the angle of its lines' reading direction, clockwise positive (y points down).</summary>
    public float Radians { get; }

    /// <summary>
    /// Estimates the skew as the median direction of the long boxes (<see cref="LayoutThresholds.SkewVoterAspect"/>)
    /// within <see cref="LayoutThresholds.MaxDeskewDegrees"/>; none gives an upright frame. The median ignores a
    /// few boxes at odd angles (a stamp, a rotated caption).
    /// </summary>
    public static PageFrame Estimate(IReadOnlyList<IReadOnlyList<ImagePoint>> boxes)
    {
        float limit = LayoutThresholds.MaxDeskewDegrees * MathF.PI / 180f;
        var angles = new List<float>(boxes.Count);
        foreach (IReadOnlyList<ImagePoint> box in boxes)
        {
            // Top and bottom edges together: the reading direction of a TL, TR, BR, BL box.
            float dx = box[1].X - box[0].X + (box[2].X - box[3].X);
            float dy = box[1].Y - box[0].Y + (box[2].Y - box[3].Y);
            float along = MathF.Sqrt((dx * dx) + (dy * dy)) / 2;
            float ax = box[3].X - box[0].X + (box[2].X - box[1].X);
            float ay = box[3].Y - box[0].Y + (box[2].Y - box[1].Y);
            float across = MathF.Sqrt((ax * ax) + (ay * ay)) / 2;
            if (along <= 0 || along < across * LayoutThresholds.SkewVoterAspect)
            {
                continue;
            }
            float angle = MathF.Atan2(dy, dx);
            if (MathF.Abs(angle) <= limit)
            {
                angles.Add(angle);
            }
        }
        if (angles.Count == 0)
        {
            return new PageFrame(0);
        }
        angles.Sort();
        return new PageFrame(angles[(angles.Count - 1) / 2]);
    }

    /// <summary>A point of the image in the upright frame.</summary>
    public ImagePoint ToFrame(ImagePoint p) => new((p.X * _cos) + (p.Y * _sin), (p.Y * _cos) - (p.X * _sin));

    /// <summary>A point of the upright frame in the image.</summary>
    public ImagePoint ToImage(ImagePoint p) => new((p.X * _cos) - (p.Y * _sin), (p.Y * _cos) + (p.X * _sin));
}
