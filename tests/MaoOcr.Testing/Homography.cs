using SkiaSharp;

namespace MaoOcr.Testing;

/// <summary>
/// A 3×3 projective transform of the plane, row-major, applied to column vectors (x, y, 1).
/// The renderer draws with it and maps ground-truth corners with it, so boxes follow the pixels exactly.
/// </summary>
internal readonly struct Homography
{
    private readonly double _m00, _m01, _m02, _m10, _m11, _m12, _m20, _m21, _m22;

    public Homography(double m00, double m01, double m02, double m10, double m11, double m12, double m20, double m21, double m22)
    {
        (_m00, _m01, _m02) = (m00, m01, m02);
        (_m10, _m11, _m12) = (m10, m11, m12);
        (_m20, _m21, _m22) = (m20, m21, m22);
    }

    public static Homography Identity => new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    public bool IsIdentity => _m00 == 1 && _m01 == 0 && _m02 == 0 && _m10 == 0 && _m11 == 1 && _m12 == 0 && _m20 == 0 && _m21 == 0 && _m22 == 1;

    public PixelPoint Map(PixelPoint point)
    {
        double w = (_m20 * point.X) + (_m21 * point.Y) + _m22;
        double x = ((_m00 * point.X) + (_m01 * point.Y) + _m02) / w;
        double y = ((_m10 * point.X) + (_m11 * point.Y) + _m12) / w;
        return new PixelPoint((float)x, (float)y);
    }

    public SKMatrix ToSkMatrix() => new(
        (float)_m00, (float)_m01, (float)_m02,
        (float)_m10, (float)_m11, (float)_m12,
        (float)_m20, (float)_m21, (float)_m22);

    /// <summary>
    /// The transform that takes each corner of <paramref name="source"/> to the same corner of <paramref name="target"/>.
    /// Solves the usual 8×8 system with h22 fixed at 1.
    /// </summary>
    /// <exception cref="ArgumentException">The corners are degenerate (three of them on a line).</exception>
    public static Homography FromQuads(Quad source, Quad target)
    {
        PixelPoint[] from = source.ToArray();
        PixelPoint[] to = target.ToArray();
        const int N = 8;
        double[,] a = new double[N, N + 1];
        for (int i = 0; i < 4; i++)
        {
            double x = from[i].X, y = from[i].Y, u = to[i].X, v = to[i].Y;
            int r = 2 * i;
            a[r, 0] = x; a[r, 1] = y; a[r, 2] = 1; a[r, 6] = -x * u; a[r, 7] = -y * u; a[r, N] = u;
            a[r + 1, 3] = x; a[r + 1, 4] = y; a[r + 1, 5] = 1; a[r + 1, 6] = -x * v; a[r + 1, 7] = -y * v; a[r + 1, N] = v;
        }

        for (int col = 0; col < N; col++)
        {
            int pivot = col;
            for (int row = col + 1; row < N; row++)
            {
                if (Math.Abs(a[row, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = row;
                }
            }
            if (Math.Abs(a[pivot, col]) < 1e-12)
            {
                throw new ArgumentException("The quads are degenerate; no perspective transform maps one onto the other.");
            }
            if (pivot != col)
            {
                for (int k = col; k <= N; k++)
                {
                    (a[col, k], a[pivot, k]) = (a[pivot, k], a[col, k]);
                }
            }
            for (int row = 0; row < N; row++)
            {
                if (row == col)
                {
                    continue;
                }
                double factor = a[row, col] / a[col, col];
                if (factor == 0)
                {
                    continue;
                }
                for (int k = col; k <= N; k++)
                {
                    a[row, k] -= factor * a[col, k];
                }
            }
        }

        double H(int i) => a[i, N] / a[i, i];
        return new Homography(H(0), H(1), H(2), H(3), H(4), H(5), H(6), H(7), 1);
    }
}
