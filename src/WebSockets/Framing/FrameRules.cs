namespace MaoOcr.WebSockets.Framing;

/// <summary>
/// What the header parser enforces on one connection: our role (which decides the masking rule), whether an
/// extension gave RSV1 a meaning, and the largest data frame we accept. Fixed for the connection's lifetime.
/// </summary>
internal readonly struct FrameRules
{
    /// <summary>Creates the rules.</summary>
    /// <param name="role">Our end of the connection.</param>
    /// <param name="allowRsv1">True when permessage-deflate (RFC 7692) was negotiated, which gives RSV1 its "compressed" meaning.</param>
    /// <param name="maxFramePayloadBytes">
    /// Largest data frame payload, in bytes, at least <see cref="WebSocketConstants.MaxControlPayloadLength"/> (125) so
    /// that no legal control frame is ever refused.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxFramePayloadBytes"/> is below 125.</exception>
    public FrameRules(WebSocketRole role, bool allowRsv1, long maxFramePayloadBytes)
    {
        Role = role;
        AllowRsv1 = allowRsv1;
        MaxFramePayloadBytes = WebSocketThrow.IfOutOfRange(
            maxFramePayloadBytes, WebSocketConstants.MaxControlPayloadLength, long.MaxValue, nameof(maxFramePayloadBytes));
    }

    /// <summary>Our end of the connection.</summary>
    public WebSocketRole Role { get; }

    /// <summary>Whether RSV1 may be set on the first frame of a data message.</summary>
    public bool AllowRsv1 { get; }

    /// <summary>Largest data frame payload, in bytes (125 or more).</summary>
    public long MaxFramePayloadBytes { get; }

    /// <summary>Whether frames we receive must carry the MASK bit: true for a server (RFC 6455 §5.1).</summary>
    public bool ExpectsMaskedFrames => Role == WebSocketRole.Server;

    /// <summary>The rules for a server connection under <paramref name="limits"/>.</summary>
    /// <param name="allowRsv1">True when permessage-deflate was negotiated.</param>
    public static FrameRules ForServer(WebSocketLimits limits, bool allowRsv1)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return new FrameRules(WebSocketRole.Server, allowRsv1, limits.MaxFrameBytes);
    }

    /// <summary>The rules for a client connection under <paramref name="limits"/>: the server's frames must be unmasked.</summary>
    /// <param name="allowRsv1">True when permessage-deflate was negotiated.</param>
    public static FrameRules ForClient(WebSocketLimits limits, bool allowRsv1)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return new FrameRules(WebSocketRole.Client, allowRsv1, limits.MaxFrameBytes);
    }
}
