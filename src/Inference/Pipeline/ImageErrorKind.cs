namespace MaoOcr.Inference.Pipeline;

/// <summary>Why an image was refused.</summary>
public enum ImageErrorKind
{
    /// <summary>No bytes at all.</summary>
    Empty,

    /// <summary>The bytes are not an image format we decode (JPEG, PNG, WebP, BMP, GIF).</summary>
    UnsupportedFormat,

    /// <summary>The header is readable but the pixels are not (truncated or corrupt data).</summary>
    Corrupt,

    /// <summary>The image has more pixels than the configured limit; refused before decoding.</summary>
    TooLarge,
}
