namespace MaoOcr.Client;

/// <summary>The <c>code</c> of an <c>ocr_error</c> (docs/protocol.md).</summary>
public enum OcrErrorCode
{
    /// <summary>A code this SDK version does not know.</summary>
    Unknown,

    /// <summary><c>invalid_message</c>: not a valid request (bad requirements, a batch over the limit).</summary>
    InvalidMessage,

    /// <summary><c>invalid_image</c>: empty, truncated or corrupt image data.</summary>
    InvalidImage,

    /// <summary><c>unsupported_format</c>: bytes that are not JPEG, PNG, WebP, BMP or GIF.</summary>
    UnsupportedFormat,

    /// <summary><c>image_too_large</c>: over 20 MiB or 40 megapixels.</summary>
    ImageTooLarge,

    /// <summary><c>busy</c>: the queue is full or the appliance is starting or stopping; wait <see cref="OcrServerException.RetryAfter"/>.</summary>
    Busy,

    /// <summary><c>timeout</c>: the request ran past the appliance's limit.</summary>
    Timeout,

    /// <summary><c>unauthorized</c>: the API token is missing or wrong.</summary>
    Unauthorized,

    /// <summary><c>internal</c>: a fault on the appliance.</summary>
    Internal,
}
