namespace MaoOcr.Appliance.Protocol;

/// <summary>The <c>code</c> of an <c>ocr_error</c>. The wire names are snake_case (see <see cref="ErrorCodes.WireName"/>).</summary>
public enum ErrorCode
{
    /// <summary>The message is not a valid envelope or request: bad JSON, unknown type, missing fields.</summary>
    InvalidMessage,

    /// <summary>The image bytes are not decodable: bad base64, empty, corrupt or truncated.</summary>
    InvalidImage,

    /// <summary>The bytes are an image format we do not decode.</summary>
    UnsupportedFormat,

    /// <summary>The image is over the byte or pixel limit.</summary>
    ImageTooLarge,

    /// <summary>The work queue is full; retry after <c>retry_after_ms</c>.</summary>
    Busy,

    /// <summary>The request took longer than the configured limit.</summary>
    Timeout,

    /// <summary>The API token is missing or wrong.</summary>
    Unauthorized,

    /// <summary>A fault on our side; the message says no more than is safe.</summary>
    Internal,
}

public static class ErrorCodes
{
    public static string WireName(ErrorCode code) => code switch
    {
        ErrorCode.InvalidMessage => "invalid_message",
        ErrorCode.InvalidImage => "invalid_image",
        ErrorCode.UnsupportedFormat => "unsupported_format",
        ErrorCode.ImageTooLarge => "image_too_large",
        ErrorCode.Busy => "busy",
        ErrorCode.Timeout => "timeout",
        ErrorCode.Unauthorized => "unauthorized",
        _ => "internal",
    };

    /// <summary>Whether sending the same request again can succeed.</summary>
    public static bool IsRetryable(ErrorCode code) => code is ErrorCode.Busy or ErrorCode.Timeout or ErrorCode.Internal;
}
