using System.Diagnostics;

namespace MaoOcr.WebSockets.Compression;

/// <summary>The outcome of <see cref="DeflateNegotiation.Negotiate(ReadOnlySpan{char}, DeflateOptions)"/>: accepted parameters, or a decline and its reason.</summary>
public readonly struct DeflateNegotiationResult
{
    private DeflateNegotiationResult(DeflateParameters parameters, DeflateDeclineReason reason, string? responseHeaderValue)
    {
        Parameters = parameters;
        DeclineReason = reason;
        ResponseHeaderValue = responseHeaderValue;
    }

    /// <summary>Whether permessage-deflate is in use on the connection.</summary>
    public bool IsAccepted => ResponseHeaderValue is not null;

    /// <summary>The agreed parameters; default when declined.</summary>
    public DeflateParameters Parameters { get; }

    /// <summary><see cref="DeflateDeclineReason.None"/> when accepted.</summary>
    public DeflateDeclineReason DeclineReason { get; }

    /// <summary>The value for the response's <c>Sec-WebSocket-Extensions</c> header; null when declined (send no header).</summary>
    public string? ResponseHeaderValue { get; }

    internal static DeflateNegotiationResult Accept(DeflateParameters parameters) => new(parameters, DeflateDeclineReason.None, parameters.ToHeaderValue());

    internal static DeflateNegotiationResult Decline(DeflateDeclineReason reason)
    {
        Debug.Assert(reason != DeflateDeclineReason.None);
        return new(default, reason, null);
    }
}
