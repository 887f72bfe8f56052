namespace MaoOcr.Client;

/// <summary>Wire names of <see cref="OcrErrorCode"/>.</summary>
public static class OcrErrorCodes
{
    public static OcrErrorCode Parse(string? wireCode) => wireCode switch
    {
        "invalid_message" => OcrErrorCode.InvalidMessage,
        "invalid_image" => OcrErrorCode.InvalidImage,
        "unsupported_format" => OcrErrorCode.UnsupportedFormat,
        "image_too_large" => OcrErrorCode.ImageTooLarge,
        "busy" => OcrErrorCode.Busy,
        "timeout" => OcrErrorCode.Timeout,
        "unauthorized" => OcrErrorCode.Unauthorized,
        "internal" => OcrErrorCode.Internal,
        _ => OcrErrorCode.Unknown,
    };
}
