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
