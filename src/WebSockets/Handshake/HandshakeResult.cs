using System.Diagnostics;
using MaoOcr.WebSockets.Compression;

namespace MaoOcr.WebSockets.Handshake;

/// <summary>
/// The decision of <see cref="WebSocketHandshake.Evaluate"/>, and what its response needs. No subprotocol is ever
/// selected: the endpoint speaks one protocol, so the 101 carries no <c>Sec-WebSocket-Protocol</c> (RFC 6455 §4.2.2).
/// </summary>
internal readonly struct HandshakeResult
{
    private HandshakeResult(HandshakeOutcome outcome, string? acceptValue, DeflateNegotiationResult deflate, HandshakeRefusal refusal, IReadOnlyList<RequestHeader>? extraHeaders)
    {
        Outcome = outcome;
        AcceptValue = acceptValue;
        Deflate = deflate;
        Refusal = refusal;
        ExtraHeaders = extraHeaders ?? [];
    }

    /// <summary>Whether to accept, refuse, or hand the request to HTTP.</summary>
    public HandshakeOutcome Outcome { get; }

    /// <summary>The <c>Sec-WebSocket-Accept</c> value on <see cref="HandshakeOutcome.Accept"/>; null otherwise.</summary>
    public string? AcceptValue { get; }

    /// <summary>The permessage-deflate negotiation on <see cref="HandshakeOutcome.Accept"/>; default otherwise.</summary>
    public DeflateNegotiationResult Deflate { get; }

    /// <summary>The <c>Sec-WebSocket-Extensions</c> response value; null when no extension is in use.</summary>
    public string? ExtensionsHeaderValue => Deflate.ResponseHeaderValue;

    /// <summary>Why it was refused; <see cref="HandshakeRefusal.None"/> unless <see cref="HandshakeOutcome.Refuse"/>.</summary>
    public HandshakeRefusal Refusal { get; }

    /// <summary>The refusal's status code; 101 on accept, 0 when not ours.</summary>
    public int StatusCode => Outcome switch
    {
        HandshakeOutcome.Accept => 101,
        HandshakeOutcome.Refuse => HandshakeRefusals.StatusCode(Refusal),
        _ => 0,
    };

    /// <summary>One line naming the problem, for the refusal's body; empty unless refused.</summary>
    public string Reason => Outcome == HandshakeOutcome.Refuse ? HandshakeRefusals.Describe(Refusal) : string.Empty;

    /// <summary>Headers the refusal must carry (<c>Allow</c>, <c>Sec-WebSocket-Version</c>, <c>WWW-Authenticate</c>); empty otherwise.</summary>
    public IReadOnlyList<RequestHeader> ExtraHeaders { get; }

    internal static HandshakeResult PassToHttp() => new(HandshakeOutcome.PassToHttp, null, default, HandshakeRefusal.None, null);

    internal static HandshakeResult Accept(string acceptValue, DeflateNegotiationResult deflate) =>
        new(HandshakeOutcome.Accept, acceptValue, deflate, HandshakeRefusal.None, null);

    internal static HandshakeResult Refuse(HandshakeRefusal refusal)
    {
        Debug.Assert(refusal != HandshakeRefusal.None);
        return new(HandshakeOutcome.Refuse, null, default, refusal, HandshakeRefusals.ExtraHeaders(refusal));
    }
}
