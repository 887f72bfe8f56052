namespace MaoOcr.Client;

/// <summary>The appliance answered the request with <c>ocr_error</c>. The message starts with the wire code.</summary>
public sealed class OcrServerException : MaoOcrException
{
    public OcrServerException()
    {
        WireCode = "internal";
    }

    public OcrServerException(string message) : base(message)
    {
        WireCode = "internal";
    }

    public OcrServerException(string message, Exception? innerException) : base(message, innerException)
    {
        WireCode = "internal";
    }

    /// <param name="requestId">The request's id; null when the appliance could not read it.</param>
    /// <param name="wireCode">The <c>code</c> as sent, e.g. <c>invalid_image</c>.</param>
    /// <param name="serverMessage">The appliance's explanation.</param>
    /// <param name="retryAfter">How long to wait before retrying (<c>retry_after_ms</c>), if given.</param>
    public OcrServerException(string? requestId, string wireCode, string serverMessage, bool retryable, TimeSpan? retryAfter)
        : base($"{wireCode}: {serverMessage}")
    {
        RequestId = requestId;
        WireCode = wireCode;
        Code = OcrErrorCodes.Parse(wireCode);
        ServerMessage = serverMessage;
        Retryable = retryable;
        RetryAfter = retryAfter;
    }

    public string? RequestId { get; }

    /// <summary>The code as a value; <see cref="OcrErrorCode.Unknown"/> for a code this SDK version does not know (see <see cref="WireCode"/>).</summary>
    public OcrErrorCode Code { get; } = OcrErrorCode.Internal;

    /// <summary>The code exactly as the appliance sent it.</summary>
    public string WireCode { get; }

    public string ServerMessage { get; } = "";

    /// <summary>Whether the same request can succeed if sent again (<c>busy</c>, <c>timeout</c>, <c>internal</c>).</summary>
    public bool Retryable { get; }

    public TimeSpan? RetryAfter { get; }
}
