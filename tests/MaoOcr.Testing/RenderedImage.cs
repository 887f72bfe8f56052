namespace MaoOcr.Testing;

/// <summary>An encoded image and the lines of text in it.</summary>
/// <param name="Bytes">The encoded file.</param>
/// <param name="Format">"png", "jpeg", "webp" or "bmp".</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Lines">Every line drawn, in the order drawn.</param>
public sealed record RenderedImage(byte[] Bytes, string Format, int Width, int Height, IReadOnlyList<GroundTruthLine> Lines)
{
    /// <summary>The usual file extension, without the dot ("jpg" for JPEG).</summary>
    public string FileExtension => Format == "jpeg" ? "jpg" : Format;

    /// <summary>The lines' text joined by newlines.</summary>
    public string Text => string.Join('\n', Lines.Select(l => l.Text));
}
