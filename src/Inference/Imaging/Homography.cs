using MaoOcr.Inference.Geometry;

namespace MaoOcr.Inference.Imaging;

/// <summary>
/// The projective map from the unit square to a quad: (0,0)→P0, (1,0)→P1, (1,1)→P2, (0,1)→P3
/// (Heckbert's closed form, no linear solve). Used to pull each text region straight into a tensor.
/// </summary>
internal readonly struct Homography
{
    private readonly float _a, _b, _c, _d, _e, _f, _g, _h;

    public Homography(Quad q)
    {
        float sx = q.P0.X - q.P1.X + q.P2.X - q.P3.X;
        float sy = q.P0.Y - q.P1.Y + q.P2.Y - q.P3.Y;
        float g = 0, h = 0;
        if (MathF.Abs(sx) > 1e-6f || MathF.Abs(sy) > 1e-6f)
        {
            float dx1 = q.P1.X - q.P2.X, dx2 = q.P3.X - q.P2.X;
            float dy1 = q.P1.Y - q.P2.Y, dy2 = q.P3.Y - q.P2.Y;
            float den = (dx1 * dy2) - (dx2 * dy1);
            if (MathF.Abs(den) > 1e-12f)
            {
                g = ((sx * dy2) - (dx2 * sy)) / den;
                h = ((dx1 * sy) - (sx * dy1)) / den;
            }
        }
        _g = g;
        _h = h;
        _a = q.P1.X - q.P0.X + (g * q.P1.X);
        _b = q.P3.X - q.P0.X + (h * q.P3.X);
        _c = q.P0.X;
        _d = q.P1.Y - q.P0.Y + (g * q.P1.Y);
        _e = q.P3.Y - q.P0.Y + (h * q.P3.Y);
        _f = q.P0.Y;
    }

    /// <summary>True when the quad is a parallelogram: the map is affine and can be stepped without a division.</summary>
    public bool IsAffine => _g == 0 && _h == 0;

    /// <summary>How the mapped point moves per unit of u, for an affine map.</summary>
    public (float X, float Y) StepU => (_a, _d);

    public (float X, float Y) Map(float u, float v)
    {
        float w = (_g * u) + (_h * v) + 1;
        return (((_a * u) + (_b * v) + _c) / w, ((_d * u) + (_e * v) + _f) / w);
    }
}
