namespace MaoOcr.Testing;

/// <summary>One line of text as drawn, with the tight box of its ink in final image pixels (after any rotation or warp).</summary>
/// <param name="Text">The exact text drawn, inner spaces included.</param>
/// <param name="Box">The ink bounds of the text as drawn on the scene, mapped through the same transform as the pixels.</param>
public sealed record GroundTruthLine(string Text, Quad Box);
