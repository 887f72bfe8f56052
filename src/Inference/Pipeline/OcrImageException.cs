namespace MaoOcr.Inference.Pipeline;

/// <summary>An input image was refused. The message names the problem. Images over the pixel limit are refused from their header, before any pixel memory is allocated.</summary>
public sealed class OcrImageException : Exception
{
    public OcrImageException(ImageErrorKind kind, string message) : base(message) => Kind = kind;

    public ImageErrorKind Kind { get; }
}
