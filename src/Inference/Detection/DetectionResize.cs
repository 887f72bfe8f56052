namespace MaoOcr.Inference.Detection;

/// <summary>
/// The detector's input size (PaddleOCR DetResizeForTest, limit_type "max"): shrink so the longer side is
/// at most the limit, never enlarge, and round each side to a multiple of 32 because DB's backbone
/// downsamples five times.
/// </summary>
internal readonly record struct DetectionResize(int Width, int Height, float ScaleX, float ScaleY)
{
    /// <summary>DB's total stride: every side must be a multiple of this.</summary>
    public const int Stride = 32;

    public static DetectionResize For(int width, int height, int sideLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sideLimit, Stride);
        int longer = Math.Max(width, height);
        double ratio = longer > sideLimit ? (double)sideLimit / longer : 1.0;
        // int(side * ratio) first, as DetResizeForTest does, then round to the stride.
        int w = RoundToStride(Math.Floor(width * ratio));
        int h = RoundToStride(Math.Floor(height * ratio));
        return new DetectionResize(w, h, (float)w / width, (float)h / height);
    }

    private static int RoundToStride(double side) => Math.Max((int)Math.Round(side / Stride, MidpointRounding.ToEven) * Stride, Stride);
}
