using System.Globalization;
using System.Text;

namespace MaoOcr.WebSockets.Compression;

/// <summary>
/// The client side of permessage-deflate negotiation (RFC 7692 §5, §7.1): builds the offer from
/// <see cref="DeflateOptions"/> and reads the server's response against it. A response that breaks §7.1 is an error the
/// client must fail the connection on; it never throws.
/// </summary>
internal static class DeflateClientNegotiation
{
    /// <summary>
    /// The <c>Sec-WebSocket-Extensions</c> offer for <paramref name="options"/>: <c>client_max_window_bits</c> always
    /// (§7.1.2.2: the client can honour a limit; with a value when the options ask for a smaller window),
    /// <c>server_max_window_bits</c> when the options ask the server for less than 15, and each no_context_takeover
    /// the options ask for. Null when the options are null or disabled: offer nothing.
    /// </summary>
    public static string? CreateOffer(DeflateOptions? options)
    {
        if (options is not { Enabled: true })
        {
            return null;
        }
        var offer = new StringBuilder(PerMessageDeflate.ExtensionName, 128);
        offer.Append("; ").Append(PerMessageDeflate.ClientMaxWindowBits);
        if (options.ClientMaxWindowBits < PerMessageDeflate.MaxWindowBits)
        {
            offer.Append('=').Append(options.ClientMaxWindowBits.ToString(CultureInfo.InvariantCulture));
        }
        if (options.ServerMaxWindowBits < PerMessageDeflate.MaxWindowBits)
        {
            offer.Append("; ").Append(PerMessageDeflate.ServerMaxWindowBits).Append('=').Append(options.ServerMaxWindowBits.ToString(CultureInfo.InvariantCulture));
        }
        if (options.ServerNoContextTakeover)
        {
            offer.Append("; ").Append(PerMessageDeflate.ServerNoContextTakeover);
        }
        if (options.ClientNoContextTakeover)
        {
            offer.Append("; ").Append(PerMessageDeflate.ClientNoContextTakeover);
        }
        return offer.ToString();
    }

    /// <summary>
    /// Reads the response's <c>Sec-WebSocket-Extensions</c> value (several fields joined by commas) against the offer
    /// <see cref="CreateOffer"/> made from <paramref name="offered"/>.
    /// </summary>
    /// <param name="headerValue">The response's extensions; empty when it has none.</param>
    /// <param name="offered">The options the offer was made from; null when nothing was offered.</param>
    /// <param name="parameters">
    /// What binds each side, with the client's own choices folded in as the server's negotiation folds in its options:
    /// the client resets per message when the response or its options say so, and compresses within the smaller of the
    /// response's <c>client_max_window_bits</c> and its options' window. Null when the response agreed no extension.
    /// </param>
    /// <returns>Null when the response is valid; otherwise why the client must fail the connection (RFC 7692 §7.1).</returns>
    public static string? ReadResponse(ReadOnlySpan<char> headerValue, DeflateOptions? offered, out DeflateParameters? parameters)
    {
        parameters = null;
        var reader = new ExtensionHeaderReader(headerValue);
        while (reader.ReadExtension(out ReadOnlySpan<char> name))
        {
            // RFC 6455 §4.1 item 5 and RFC 7692 §5: only what was offered may be in use, and permessage-deflate only once.
            if (!name.SequenceEqual(PerMessageDeflate.ExtensionName) || offered is not { Enabled: true })
            {
                return $"The server agreed to an extension that was not offered: '{name}'.";
            }
            if (parameters.HasValue)
            {
                return "The server agreed to permessage-deflate twice.";
            }
            // A response carries the offer's parameters (§7.1), with the stricter rules checked below.
            DeflateDeclineReason reason = DeflateOffer.Read(ref reader, out DeflateOffer response);
            if (reason != DeflateDeclineReason.None)
            {
                return $"The server's permessage-deflate response is invalid: {reason}.";
            }
            if (response.HasClientMaxWindowBits && response.ClientMaxWindowBits == 0)
            {
                // §7.1.2.2: in a response, client_max_window_bits always has a value.
                return $"The server's {PerMessageDeflate.ClientMaxWindowBits} has no value.";
            }
            if (offered.ServerMaxWindowBits < PerMessageDeflate.MaxWindowBits && response.ServerMaxWindowBits > offered.ServerMaxWindowBits)
            {
                // §7.1.2.1: the server answers an offered server_max_window_bits with the same value or a smaller one.
                return $"The server's {PerMessageDeflate.ServerMaxWindowBits}={response.ServerMaxWindowBits} exceeds the {offered.ServerMaxWindowBits} offered.";
            }
            int clientWindowBits = Math.Min(response.HasClientMaxWindowBits ? response.ClientMaxWindowBits : PerMessageDeflate.MaxWindowBits, offered.ClientMaxWindowBits);
            parameters = new DeflateParameters(
                serverNoContextTakeover: response.ServerNoContextTakeover,
                clientNoContextTakeover: response.ClientNoContextTakeover || offered.ClientNoContextTakeover,
                serverMaxWindowBits: response.ServerMaxWindowBits != 0 ? response.ServerMaxWindowBits : PerMessageDeflate.MaxWindowBits,
                clientMaxWindowBits: clientWindowBits,
                serverMaxWindowBitsInResponse: response.ServerMaxWindowBits != 0,
                clientMaxWindowBitsInResponse: response.HasClientMaxWindowBits);
        }
        return null;
    }
}
