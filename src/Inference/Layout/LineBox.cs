namespace MaoOcr.Inference.Layout;

/// <summary>
/// A line's axis-aligned bounds in the deskewed page frame (<see cref="PageFrame"/>), in pixels, with the index of
/// the line in the analyser's input. Width and height are at least <see cref="LayoutThresholds.MinSide"/>.
/// </summary>
internal readonly record struct LineBox(int Line, float Left, float Top, float Right, float Bottom)
{
    public float Width => Right - Left;

    public float Height => Bottom - Top;

    /// <summary>
    /// The top of the middle of the box that decides which lines share a row: detector boxes of neighbouring lines
    /// touch or overlap a little (DB's unclip grows them), their middles do not.
    /// </summary>
    public float CoreTop => Top + (Height * LayoutThresholds.CoreMargin);

    public float CoreBottom => Bottom - (Height * LayoutThresholds.CoreMargin);
}
