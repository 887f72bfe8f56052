using SkiaSharp;

namespace MaoOcr.Testing;

/// <summary>How the scene's background is filled before shapes and text are drawn.</summary>
public enum BackgroundKind
{
    /// <summary>One flat colour.</summary>
    Solid,

    /// <summary>A linear gradient from <see cref="SceneBackground.Color"/> to <see cref="SceneBackground.SecondColor"/>.</summary>
    Gradient,

    /// <summary><see cref="SceneBackground.Color"/> with soft blotches and faint fibres, as on printed paper.</summary>
    Paper,
}

/// <summary>The background of a <see cref="TextScene"/>.</summary>
/// <param name="Kind">How it is filled.</param>
/// <param name="Color">The main colour.</param>
/// <param name="SecondColor">The gradient's end colour; unused otherwise.</param>
/// <param name="AngleDegrees">The gradient's direction, 0 = left to right, 90 = top to bottom.</param>
public sealed record SceneBackground(BackgroundKind Kind, SKColor Color, SKColor SecondColor, float AngleDegrees)
{
    public static SceneBackground Solid(SKColor color) => new(BackgroundKind.Solid, color, color, 0);

    public static SceneBackground Gradient(SKColor from, SKColor to, float angleDegrees) => new(BackgroundKind.Gradient, from, to, angleDegrees);

    public static SceneBackground Paper(SKColor color) => new(BackgroundKind.Paper, color, color, 0);
}
