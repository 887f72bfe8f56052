using SkiaSharp;

namespace MaoOcr.Testing;

/// <summary>How <see cref="TextImageRenderer.RenderLines"/> lays out a block of lines: left-aligned, top to bottom.</summary>
public sealed record TextBlockStyle
{
    public TestFont Font { get; init; } = TestFonts.DejaVuSans;

    /// <summary>Font size in pixels (the em height).</summary>
    public float FontSize { get; init; } = 32;

    public SKColor TextColor { get; init; } = SKColors.Black;

    public SceneBackground Background { get; init; } = SceneBackground.Solid(SKColors.White);

    /// <summary>Space between the text and every edge of the scene, in pixels.</summary>
    public float Margin { get; init; } = 32;

    /// <summary>Baseline-to-baseline distance as a multiple of <see cref="FontSize"/>.</summary>
    public float LineSpacing { get; init; } = 1.6f;

    /// <summary>The scene width in pixels; null fits the longest line plus the margins.</summary>
    public int? Width { get; init; }

    /// <summary>The scene height in pixels; null fits the lines plus the margins.</summary>
    public int? Height { get; init; }
}
