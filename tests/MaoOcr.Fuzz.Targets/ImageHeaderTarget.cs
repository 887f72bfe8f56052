using MaoOcr.Inference.Imaging;

namespace MaoOcr.Fuzz.Targets;

/// <summary>
/// The managed checks that name what a client sent before and after the codec looks at it: <see cref="ImageSignature"/>
/// (magic bytes, and text or markup sent by mistake) and <see cref="PngHeader"/> (why a PNG header was refused).
/// Contract: nothing throws; the format is one of the names the messages use, or null; a refusal is explained.
/// </summary>
public sealed class ImageHeaderTarget : IFuzzTarget
{
    private static readonly string[] s_formats =
        ["JPEG", "PNG", "GIF", "WebP", "BMP", "TIFF", "HEIF/AVIF", "PDF", "SVG", "XML", "HTML", "base64 text", "text"];

    // Not a u8 literal: 0x89 is not ASCII.
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <inheritdoc/>
    public string Name => "image-header";

    /// <inheritdoc/>
    public void Run(ReadOnlySpan<byte> input)
    {
        string? format = ImageSignature.Detect(input);
        Contract.That(format is null || s_formats.Contains(format));
        Contract.That(!string.IsNullOrEmpty(ImageSignature.Describe(input)));

        // The decoder asks PngHeader only about data that starts with the signature; give every input that start.
        byte[] png = input.StartsWith(PngSignature) ? input.ToArray() : [.. PngSignature, .. input];
        Contract.That(ImageSignature.Detect(png) == "PNG");
        Contract.That(!string.IsNullOrEmpty(PngHeader.ExplainRefusal(png)));
    }
}
