using SkiaSharp;

namespace MaoOcr.Testing;

/// <summary>One line of text placed on a <see cref="TextScene"/>; it becomes one <see cref="GroundTruthLine"/>.</summary>
/// <param name="Text">The text; no line breaks, no leading or trailing whitespace.</param>
/// <param name="X">The left end of the baseline, in scene pixels.</param>
/// <param name="Baseline">The baseline's y, in scene pixels.</param>
/// <param name="Font">The face; it must have a glyph for every character.</param>
/// <param name="Size">The font size in pixels (the em height).</param>
/// <param name="Color">The text colour.</param>
public sealed record SceneText(string Text, float X, float Baseline, TestFont Font, float Size, SKColor Color);
