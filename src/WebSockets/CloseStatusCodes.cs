namespace MaoOcr.WebSockets;

/// <summary>
/// Close status codes (RFC 6455 §7.4.1 and the IANA "WebSocket Close Code Number Registry", §11.7), and which of
/// them may appear in a close frame.
/// </summary>
public static class CloseStatusCodes
{
    /// <summary>1000: the purpose of the connection is fulfilled.</summary>
    public const ushort NormalClosure = 1000;

    /// <summary>1001: the endpoint is going away (server shutdown, page navigation).</summary>
    public const ushort GoingAway = 1001;

    /// <summary>1002: the peer broke the protocol (a bad frame, a bad fragment sequence).</summary>
    public const ushort ProtocolError = 1002;

    /// <summary>1003: the endpoint cannot accept this type of data (text where it expects binary, or the reverse).</summary>
    public const ushort UnsupportedData = 1003;

    /// <summary>1005: never sent. Stands for "the close frame carried no status" (§7.1.5).</summary>
    public const ushort NoStatusReceived = 1005;

    /// <summary>1006: never sent. Stands for "the connection closed without a close frame" (§7.1.5).</summary>
    public const ushort AbnormalClosure = 1006;

    /// <summary>1007: a message's data does not match its type, such as a text message that is not UTF-8.</summary>
    public const ushort InvalidPayloadData = 1007;

    /// <summary>1008: a message violates the endpoint's policy (the generic code when no other fits).</summary>
    public const ushort PolicyViolation = 1008;

    /// <summary>1009: a message or frame is too big to process.</summary>
    public const ushort MessageTooBig = 1009;

    /// <summary>1010: sent by a client: the server did not negotiate an extension the client requires.</summary>
    public const ushort MandatoryExtension = 1010;

    /// <summary>1011: the server met an unexpected condition.</summary>
    public const ushort InternalServerError = 1011;

    /// <summary>1012: the service is restarting (IANA registry).</summary>
    public const ushort ServiceRestart = 1012;

    /// <summary>1013: try again later, the server is overloaded (IANA registry).</summary>
    public const ushort TryAgainLater = 1013;

    /// <summary>1014: a gateway got a bad answer from upstream (IANA registry).</summary>
    public const ushort BadGateway = 1014;

    /// <summary>1015: never sent. Stands for "the TLS handshake failed" (§7.4.1).</summary>
    public const ushort TlsHandshakeFailure = 1015;

    /// <summary>
    /// Whether <paramref name="code"/> may appear in a close frame (and so whether a received one is acceptable).
    /// </summary>
    /// <remarks>
    /// 0–999 are not used (§7.4.2). Of 1000–2999, reserved for the protocol, only the registered codes 1000–1003 and
    /// 1007–1014 may be sent: 1004 is reserved without a meaning, and 1005, 1006 and 1015 "MUST NOT be set as a status
    /// code in a Close control frame" (§7.4.1). 3000–3999 (registered by libraries and frameworks) and 4000–4999
    /// (private use) are valid whether or not we know them. 5000 and above are outside every range the RFC defines.
    /// </remarks>
    public static bool IsValidReceived(ushort code) => code switch
    {
        >= NormalClosure and <= UnsupportedData => true,
        >= InvalidPayloadData and <= BadGateway => true,
        >= 3000 and <= 4999 => true,
        _ => false,
    };
}
