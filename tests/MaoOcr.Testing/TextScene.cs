namespace MaoOcr.Testing;

/// <summary>What to draw before any effect: a background, shapes, then lines of text, in scene pixels.</summary>
public sealed class TextScene
{
    /// <exception cref="ArgumentOutOfRangeException">A side is not positive or exceeds <see cref="MaxSide"/>.</exception>
    public TextScene(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, MaxSide);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, MaxSide);
        Width = width;
        Height = height;
    }

    /// <summary>The largest side accepted, in pixels: a 600 dpi A4 page is 4961 × 7016.</summary>
    public const int MaxSide = 8192;

    public int Width { get; }

    public int Height { get; }

    public SceneBackground Background { get; set; } = SceneBackground.Solid(SkiaSharp.SKColors.White);

    /// <summary>Shapes, drawn in order before any text.</summary>
    public IList<SceneShape> Shapes { get; } = new List<SceneShape>();

    /// <summary>Text lines, drawn in order after the shapes.</summary>
    public IList<SceneText> Texts { get; } = new List<SceneText>();
}
