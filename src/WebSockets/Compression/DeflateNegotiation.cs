namespace MaoOcr.WebSockets.Compression;

/// <summary>
/// The server side of permessage-deflate negotiation (RFC 7692 §5, §7.1): reads the client's offers, accepts the
/// first valid one within <see cref="DeflateOptions"/>, and builds the response. Other extensions are ignored.
/// Bad input never throws: it declines, and the reason says why.
/// </summary>
public static class DeflateNegotiation
{
    /// <summary>Negotiates from one <c>Sec-WebSocket-Extensions</c> field value.</summary>
    /// <param name="headerValue">The field value; empty when the request has no such header.</param>
    /// <param name="options">The server's settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static DeflateNegotiationResult Negotiate(ReadOnlySpan<char> headerValue, DeflateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return DeflateNegotiationResult.Decline(DeflateDeclineReason.Disabled);
        }
        var firstFailure = DeflateDeclineReason.NotOffered;
        return TryAccept(headerValue, options, ref firstFailure, out DeflateNegotiationResult accepted)
            ? accepted
            : DeflateNegotiationResult.Decline(firstFailure);
    }

    /// <summary>
    /// Negotiates from every <c>Sec-WebSocket-Extensions</c> field of the request, in order. Several fields
    /// mean the same as one field with their values joined by commas (RFC 7230 §3.2.2). Null entries, as a
    /// <c>StringValues</c> may hold, are skipped.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="headerValues"/> or <paramref name="options"/> is null.</exception>
    public static DeflateNegotiationResult Negotiate(IReadOnlyList<string?> headerValues, DeflateOptions options)
    {
        ArgumentNullException.ThrowIfNull(headerValues);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return DeflateNegotiationResult.Decline(DeflateDeclineReason.Disabled);
        }
        var firstFailure = DeflateDeclineReason.NotOffered;
        for (int i = 0; i < headerValues.Count; i++)
        {
            if (TryAccept(headerValues[i], options, ref firstFailure, out DeflateNegotiationResult accepted))
            {
                return accepted;
            }
        }
        return DeflateNegotiationResult.Decline(firstFailure);
    }

    private static bool TryAccept(ReadOnlySpan<char> headerValue, DeflateOptions options, ref DeflateDeclineReason firstFailure, out DeflateNegotiationResult accepted)
    {
        var reader = new ExtensionHeaderReader(headerValue);
        while (reader.ReadExtension(out ReadOnlySpan<char> name))
        {
            if (!name.SequenceEqual(PerMessageDeflate.ExtensionName))
            {
                // Another extension, or an element with no name: not ours to judge.
                reader.SkipExtension();
                continue;
            }
            DeflateDeclineReason reason = DeflateOffer.Read(ref reader, out DeflateOffer offer);
            if (reason == DeflateDeclineReason.None)
            {
                accepted = DeflateNegotiationResult.Accept(Accept(offer, options));
                return true;
            }
            reader.SkipExtension();
            if (firstFailure == DeflateDeclineReason.NotOffered)
            {
                firstFailure = reason;
            }
        }
        accepted = default;
        return false;
    }

    /// <summary>
    /// Every valid offer can be accepted: this server compresses with any window 8..15 and can reset per
    /// message, and it inflates with a 32 KiB window, so no client window is too large for it.
    /// </summary>
    private static DeflateParameters Accept(in DeflateOffer offer, DeflateOptions options)
    {
        // RFC 7692 §7.1.1.1: an offered server_no_context_takeover binds the server, and the server may add it.
        bool serverNoContextTakeover = offer.ServerNoContextTakeover || options.ServerNoContextTakeover;

        // RFC 7692 §7.1.1.2: the offer's client_no_context_takeover is only a hint until the response echoes it;
        // echoing makes it binding, which lets the server reset its decompressor per message.
        bool clientNoContextTakeover = offer.ClientNoContextTakeover || options.ClientNoContextTakeover;

        // RFC 7692 §7.1.2.1: an offered server_max_window_bits binds the server to that value or less, and the
        // response must then name the value used. Without one the server may still name a smaller window.
        int serverBits;
        bool sendServerBits;
        if (offer.ServerMaxWindowBits != 0)
        {
            serverBits = Math.Min(offer.ServerMaxWindowBits, options.ServerMaxWindowBits);
            sendServerBits = true;
        }
        else
        {
            serverBits = options.ServerMaxWindowBits;
            sendServerBits = serverBits < PerMessageDeflate.MaxWindowBits;
        }

        // RFC 7692 §7.1.2.2: the response must not name client_max_window_bits unless the offer did. With a value
        // in the offer the client already keeps within it; echoing min(offer, preference) states the window in force.
        int clientBits;
        bool sendClientBits;
        if (!offer.HasClientMaxWindowBits)
        {
            clientBits = PerMessageDeflate.MaxWindowBits;
            sendClientBits = false;
        }
        else if (offer.ClientMaxWindowBits != 0)
        {
            clientBits = Math.Min(offer.ClientMaxWindowBits, options.ClientMaxWindowBits);
            sendClientBits = true;
        }
        else
        {
            clientBits = options.ClientMaxWindowBits;
            sendClientBits = clientBits < PerMessageDeflate.MaxWindowBits;
        }

        return new DeflateParameters(serverNoContextTakeover, clientNoContextTakeover, serverBits, clientBits, sendServerBits, sendClientBits);
    }
}
