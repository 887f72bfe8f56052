using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MaoOcr.WebSockets.Compression;

/// <summary>
/// The permessage-deflate parameters agreed on one connection (RFC 7692 §7.1), named by the side they bind: the server's
/// <see cref="DeflateNegotiation"/> builds them from the client's offer, the client's handshake
/// (<see cref="Handshake.WebSocketClientHandshake"/>) from the server's response. Window sizes are base-2 logarithms,
/// 8..15; 15 where nothing smaller was agreed.
/// </summary>
public readonly struct DeflateParameters : IEquatable<DeflateParameters>
{
    internal DeflateParameters(
        bool serverNoContextTakeover,
        bool clientNoContextTakeover,
        int serverMaxWindowBits,
        int clientMaxWindowBits,
        bool serverMaxWindowBitsInResponse,
        bool clientMaxWindowBitsInResponse)
    {
        Debug.Assert(serverMaxWindowBits is >= PerMessageDeflate.MinWindowBits and <= PerMessageDeflate.MaxWindowBits);
        Debug.Assert(clientMaxWindowBits is >= PerMessageDeflate.MinWindowBits and <= PerMessageDeflate.MaxWindowBits);
        ServerNoContextTakeover = serverNoContextTakeover;
        ClientNoContextTakeover = clientNoContextTakeover;
        ServerMaxWindowBits = serverMaxWindowBits;
        ClientMaxWindowBits = clientMaxWindowBits;
        ServerMaxWindowBitsInResponse = serverMaxWindowBitsInResponse;
        ClientMaxWindowBitsInResponse = clientMaxWindowBitsInResponse;
    }

    /// <summary>The server resets its compressor after every message.</summary>
    public bool ServerNoContextTakeover { get; }

    /// <summary>The client resets its compressor after every message, so the server may reset its decompressor.</summary>
    public bool ClientNoContextTakeover { get; }

    /// <summary>The largest window the server may compress with, 8..15.</summary>
    public int ServerMaxWindowBits { get; }

    /// <summary>The largest window the client may compress with, 8..15.</summary>
    public int ClientMaxWindowBits { get; }

    /// <summary>Whether the response names <c>server_max_window_bits</c>.</summary>
    public bool ServerMaxWindowBitsInResponse { get; }

    /// <summary>Whether the response names <c>client_max_window_bits</c> (never when the offer did not).</summary>
    public bool ClientMaxWindowBitsInResponse { get; }

    /// <summary>
    /// The <c>Sec-WebSocket-Extensions</c> response value, e.g.
    /// <c>permessage-deflate; server_no_context_takeover; client_max_window_bits=10</c>.
    /// </summary>
    public string ToHeaderValue()
    {
        var text = new StringBuilder(PerMessageDeflate.ExtensionName, 128);
        if (ServerNoContextTakeover)
        {
            text.Append("; ").Append(PerMessageDeflate.ServerNoContextTakeover);
        }
        if (ClientNoContextTakeover)
        {
            text.Append("; ").Append(PerMessageDeflate.ClientNoContextTakeover);
        }
        if (ServerMaxWindowBitsInResponse)
        {
            text.Append("; ").Append(PerMessageDeflate.ServerMaxWindowBits).Append('=').Append(ServerMaxWindowBits.ToString(CultureInfo.InvariantCulture));
        }
        if (ClientMaxWindowBitsInResponse)
        {
            text.Append("; ").Append(PerMessageDeflate.ClientMaxWindowBits).Append('=').Append(ClientMaxWindowBits.ToString(CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    /// <inheritdoc cref="ToHeaderValue"/>
    public override string ToString() => ToHeaderValue();

    public bool Equals(DeflateParameters other) =>
        ServerNoContextTakeover == other.ServerNoContextTakeover
        && ClientNoContextTakeover == other.ClientNoContextTakeover
        && ServerMaxWindowBits == other.ServerMaxWindowBits
        && ClientMaxWindowBits == other.ClientMaxWindowBits
        && ServerMaxWindowBitsInResponse == other.ServerMaxWindowBitsInResponse
        && ClientMaxWindowBitsInResponse == other.ClientMaxWindowBitsInResponse;

    public override bool Equals(object? obj) => obj is DeflateParameters other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(
        ServerNoContextTakeover, ClientNoContextTakeover, ServerMaxWindowBits, ClientMaxWindowBits,
        ServerMaxWindowBitsInResponse, ClientMaxWindowBitsInResponse);

    public static bool operator ==(DeflateParameters left, DeflateParameters right) => left.Equals(right);

    public static bool operator !=(DeflateParameters left, DeflateParameters right) => !left.Equals(right);
}
