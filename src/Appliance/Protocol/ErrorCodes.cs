using MaoOcr.Appliance.Core;

namespace MaoOcr.Appliance.Protocol;

/// <summary>The wire side of <see cref="ErrorCode"/>: names, retryability, and the mapping from the core's failures.</summary>
public static class ErrorCodes
{
    /// <summary>The wire code of a failure the core reported (docs/protocol.md, "Errors").</summary>
    public static ErrorCode FromFailure(OcrFailure failure) => failure switch
    {
        OcrFailure.InvalidImage => ErrorCode.InvalidImage,
        OcrFailure.UnsupportedFormat => ErrorCode.UnsupportedFormat,
        OcrFailure.ImageTooLarge => ErrorCode.ImageTooLarge,
        OcrFailure.Busy or OcrFailure.Stopping => ErrorCode.Busy,
        OcrFailure.Timeout => ErrorCode.Timeout,
        _ => ErrorCode.Internal,
    };

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
