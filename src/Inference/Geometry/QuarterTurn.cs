using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Inference.Geometry;

/// <summary>
/// Where a point lands when a whole image turns clockwise by a multiple of 90°. Coordinates are continuous pixel
/// coordinates (pixel (i, j) covers [i, i+1)×[j, j+1)), so the mapping agrees exactly with the pixel copy of
/// <see cref="Imaging.Orientation.Turn"/>: pixel centre (i + ½, j + ½) lands on the centre of the pixel it was copied to.
/// </summary>
internal static class QuarterTurn
{
    /// <summary>Whether <paramref name="degreesClockwise"/> is one of 0, 90, 180, 270.</summary>
    public static bool IsValid(int degreesClockwise) => degreesClockwise is 0 or 90 or 180 or 270;

    /// <summary>The turn that undoes <paramref name="degreesClockwise"/>: 90 ↔ 270, 0 and 180 are their own inverse.</summary>
    public static int Inverse(int degreesClockwise) => (360 - degreesClockwise) % 360;

    /// <summary>
    /// Maps <paramref name="p"/>, a point of a <paramref name="width"/>×<paramref name="height"/> image, into the same
    /// image turned clockwise by <paramref name="degreesClockwise"/> (which is <paramref name="height"/>×<paramref name="width"/> for 90 and 270).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="degreesClockwise"/> is not 0, 90, 180 or 270.</exception>
    public static ImagePoint Map(ImagePoint p, int degreesClockwise, int width, int height) => degreesClockwise switch
    {
        0 => p,
        // y grows downwards: a clockwise quarter turn sends the left edge (x = 0) to the top and the top edge to the right.
        90 => new ImagePoint(height - p.Y, p.X),
        180 => new ImagePoint(width - p.X, height - p.Y),
        270 => new ImagePoint(p.Y, width - p.X),
        _ => throw new ArgumentOutOfRangeException(nameof(degreesClockwise), degreesClockwise, "A page turns by 0, 90, 180 or 270 degrees."),
    };

    /// <summary>Maps each corner, keeping their order: P0 stays the corner where the text starts.</summary>
    public static Quad Map(Quad q, int degreesClockwise, int width, int height) => new(
        Map(q.P0, degreesClockwise, width, height),
        Map(q.P1, degreesClockwise, width, height),
        Map(q.P2, degreesClockwise, width, height),
        Map(q.P3, degreesClockwise, width, height));
}
