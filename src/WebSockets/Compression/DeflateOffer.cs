namespace MaoOcr.WebSockets.Compression;

/// <summary>
/// One client offer of permessage-deflate (RFC 7692 §7.1), read from the parameters of one
/// <c>Sec-WebSocket-Extensions</c> element. Window sizes are 0 when the offer does not name them.
/// </summary>
internal readonly struct DeflateOffer
{
    private DeflateOffer(bool serverNoContextTakeover, bool clientNoContextTakeover, int serverMaxWindowBits, bool hasClientMaxWindowBits, int clientMaxWindowBits)
    {
        ServerNoContextTakeover = serverNoContextTakeover;
        ClientNoContextTakeover = clientNoContextTakeover;
        ServerMaxWindowBits = serverMaxWindowBits;
        HasClientMaxWindowBits = hasClientMaxWindowBits;
        ClientMaxWindowBits = clientMaxWindowBits;
    }

    public bool ServerNoContextTakeover { get; }

    public bool ClientNoContextTakeover { get; }

    /// <summary>8..15 when the offer limits the server's window, else 0.</summary>
    public int ServerMaxWindowBits { get; }

    /// <summary>The offer names <c>client_max_window_bits</c>, with or without a value: the client can honour a limit.</summary>
    public bool HasClientMaxWindowBits { get; }

    /// <summary>8..15 when the client named its own limit, else 0.</summary>
    public int ClientMaxWindowBits { get; }

    /// <summary>
    /// Reads the parameters of the current extension. On <see cref="DeflateDeclineReason.None"/> the reader is
    /// past the element; on any other reason the caller must call <see cref="ExtensionHeaderReader.SkipExtension"/>.
    /// </summary>
    public static DeflateDeclineReason Read(ref ExtensionHeaderReader reader, out DeflateOffer offer)
    {
        offer = default;
        bool serverNoContextTakeover = false, clientNoContextTakeover = false, hasClientMaxWindowBits = false, hasServerMaxWindowBits = false;
        int serverMaxWindowBits = 0, clientMaxWindowBits = 0;
        while (true)
        {
            ExtensionToken token = reader.ReadParameter(out ExtensionParameter parameter);
            if (token == ExtensionToken.EndOfExtension)
            {
                break;
            }
            if (token == ExtensionToken.Malformed)
            {
                return DeflateDeclineReason.MalformedOffer;
            }
            ReadOnlySpan<char> name = parameter.Name;
            DeflateDeclineReason reason;
            if (name.SequenceEqual(PerMessageDeflate.ServerNoContextTakeover))
            {
                reason = ReadFlag(parameter, ref serverNoContextTakeover);
            }
            else if (name.SequenceEqual(PerMessageDeflate.ClientNoContextTakeover))
            {
                reason = ReadFlag(parameter, ref clientNoContextTakeover);
            }
            else if (name.SequenceEqual(PerMessageDeflate.ServerMaxWindowBits))
            {
                // RFC 7692 §7.1.2.1: this parameter always has a value.
                reason = hasServerMaxWindowBits ? DeflateDeclineReason.DuplicateParameter
                    : TryParseWindowBits(parameter, out serverMaxWindowBits) ? DeflateDeclineReason.None
                    : DeflateDeclineReason.InvalidParameterValue;
                hasServerMaxWindowBits = true;
            }
            else if (name.SequenceEqual(PerMessageDeflate.ClientMaxWindowBits))
            {
                // RFC 7692 §7.1.2.2: in an offer the value is optional; without one it only says "I can honour a limit".
                reason = hasClientMaxWindowBits ? DeflateDeclineReason.DuplicateParameter
                    : !parameter.HasValue || TryParseWindowBits(parameter, out clientMaxWindowBits) ? DeflateDeclineReason.None
                    : DeflateDeclineReason.InvalidParameterValue;
                hasClientMaxWindowBits = true;
            }
            else
            {
                reason = DeflateDeclineReason.UnknownParameter;
            }
            if (reason != DeflateDeclineReason.None)
            {
                return reason;
            }
        }
        offer = new DeflateOffer(serverNoContextTakeover, clientNoContextTakeover, serverMaxWindowBits, hasClientMaxWindowBits, clientMaxWindowBits);
        return DeflateDeclineReason.None;
    }

    /// <summary>The two no_context_takeover parameters have no value (RFC 7692 §7.1.1).</summary>
    private static DeflateDeclineReason ReadFlag(in ExtensionParameter parameter, ref bool seen)
    {
        if (seen)
        {
            return DeflateDeclineReason.DuplicateParameter;
        }
        seen = true;
        return parameter.HasValue ? DeflateDeclineReason.InvalidParameterValue : DeflateDeclineReason.None;
    }

    /// <summary>
    /// RFC 7692 §7.1.2.1: "a decimal integer value without leading zeroes between 8 to 15, inclusive". A
    /// quoted value counts once unescaped, since RFC 6455 §9.1 requires it to be a token after unescaping.
    /// </summary>
    internal static bool TryParseWindowBits(in ExtensionParameter parameter, out int bits)
    {
        bits = 0;
        if (!parameter.HasValue)
        {
            return false;
        }
        Span<char> digits = stackalloc char[2];
        int count = 0;
        ReadOnlySpan<char> raw = parameter.RawValue;
        for (int i = 0; i < raw.Length; i++)
        {
            char c = raw[i];
            if (parameter.IsQuoted && c == '\\')
            {
                // The reader only returns complete quoted-pairs, so an escape is never the last character.
                c = raw[++i];
            }
            if (count == digits.Length)
            {
                return false;
            }
            digits[count++] = c;
        }
        if (count == 0 || !char.IsAsciiDigit(digits[0]) || digits[0] == '0')
        {
            return false;
        }
        int value = digits[0] - '0';
        if (count == 2)
        {
            if (!char.IsAsciiDigit(digits[1]))
            {
                return false;
            }
            value = (value * 10) + (digits[1] - '0');
        }
        if (value is < PerMessageDeflate.MinWindowBits or > PerMessageDeflate.MaxWindowBits)
        {
            return false;
        }
        bits = value;
        return true;
    }
}
