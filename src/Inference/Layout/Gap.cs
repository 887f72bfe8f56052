namespace MaoOcr.Inference.Layout;

/// <summary>An empty stretch of a projection on the x axis, in deskewed pixels: a column gutter or the space between table cells.</summary>
internal readonly record struct Gap(float Start, float End)
{
    public float Width => End - Start;
}
