namespace MaoOcr.WebSockets.Framing;

/// <summary>
/// A received close frame's payload (RFC 6455 §5.5.1), read in place: the status code and a view of the UTF-8 reason.
/// Valid only while the payload buffer it views is.
/// </summary>
internal readonly ref struct ClosePayload
{
    /// <summary>Creates a close payload.</summary>
    /// <param name="statusCode">The status code, or <see cref="CloseStatusCodes.NoStatusReceived"/> (1005) when the payload was empty.</param>
    /// <param name="reason">The UTF-8 reason, 0 to 123 bytes.</param>
    public ClosePayload(ushort statusCode, ReadOnlySpan<byte> reason)
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    /// <summary>
    /// The status code; <see cref="CloseStatusCodes.NoStatusReceived"/> (1005) when the frame carried none, which is
    /// what §7.1.5 says the connection close code then is.
    /// </summary>
    public ushort StatusCode { get; }

    /// <summary>Whether the frame carried a status code (1005 never appears on the wire, so it marks "none").</summary>
    public bool HasStatus => StatusCode != CloseStatusCodes.NoStatusReceived;

    /// <summary>The reason as valid UTF-8, 0 to <see cref="WebSocketConstants.MaxCloseReasonLength"/> (123) bytes; empty when none.</summary>
    public ReadOnlySpan<byte> Reason { get; }
}
