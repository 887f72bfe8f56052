using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using MaoOcr.WebSockets.Compression;

namespace MaoOcr.WebSockets.Handshake;

/// <summary>
/// The client's opening handshake (RFC 6455 §4.1) over a transport the caller connected (TCP, or TLS under it): writes the
/// upgrade request, reads the server's response head and checks it as §4.1 requires, then hands the pipes to a
/// client-role <see cref="WebSocketConnection"/>. For tools and tests that talk to a WebSocket server, ours or another.
/// </summary>
public static class WebSocketClientHandshake
{
    /// <summary>
    /// The longest response head read, in bytes: Kestrel's request-head limit (32 KiB), the one our server applies to
    /// requests (<see cref="RequestHeadLimits"/>); a 101 is a few hundred bytes.
    /// </summary>
    public const int MaxResponseHeadBytes = 32 * 1024;

    // Visible ASCII, space and horizontal tab.
    private static readonly SearchValues<char> s_fieldValueChars = SearchValues.Create(
        "\t !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    // A request-target has no whitespace or control characters (RFC 9112 §3.2).
    private static readonly SearchValues<char> s_notInTarget = SearchValues.Create(
        " \t\r\n\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F");

    private static ReadOnlySpan<byte> EndOfHead => "\r\n\r\n"u8;

    /// <summary>
    /// Sends the upgrade request for <paramref name="target"/>, checks the server's 101, and returns the client end of the
    /// connection. On success the input is positioned just after the response head, so frames the server sent at once
    /// are the connection's. On failure nothing is completed: the transport is the caller's to close.
    /// </summary>
    /// <param name="transport">A connected transport, before any byte was exchanged.</param>
    /// <param name="host">The <c>Host</c> field value, e.g. <c>127.0.0.1:8080</c> (§4.1 item 4).</param>
    /// <param name="target">The request-target: an absolute path with an optional query, e.g. <c>/ws/ocr?lang=en</c>.</param>
    /// <param name="limits">The connection's limits.</param>
    /// <param name="deflate">
    /// The permessage-deflate the client offers, and its compression level and threshold: <c>client_max_window_bits</c>
    /// always, a smaller window, <c>server_max_window_bits</c> and either no_context_takeover when the options ask for
    /// them. Null (or disabled) offers nothing.
    /// </param>
    /// <param name="headers">More request fields, such as <c>Origin</c> or <c>Authorization</c>; null for none.</param>
    /// <param name="time">The connection's clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="cancellationToken">Cancels writing the request and waiting for the response.</param>
    /// <exception cref="ArgumentNullException"><paramref name="transport"/>, <paramref name="host"/>, <paramref name="target"/> or <paramref name="limits"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="target"/> is not an absolute path, or <paramref name="host"/>, a header name or a value holds a
    /// character that would break the request (a control character, or a non-token character in a name).
    /// </exception>
    /// <exception cref="WebSocketHandshakeException">The server refused the upgrade or answered it wrongly (see the exception).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async ValueTask<WebSocketConnection> ConnectAsync(
        IDuplexPipe transport,
        string host,
        string target,
        WebSocketLimits limits,
        DeflateOptions? deflate,
        IEnumerable<KeyValuePair<string, string>>? headers = null,
        TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(limits);
        // §4.1 item 7: a nonce, "a randomly selected 16-byte value".
        string key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(WebSocketHandshake.KeyBytes));
        byte[] request = BuildRequest(host, target, key, DeflateClientNegotiation.CreateOffer(deflate), headers);
        await transport.Output.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        ResponseHead response = await ReadResponseHeadAsync(transport.Input, cancellationToken).ConfigureAwait(false);
        DeflateParameters? agreed = CheckResponse(response, key, deflate);
        return WebSocketConnection.CreateClient(transport, limits, agreed, deflate, time);
    }

    /// <summary>The request head, ASCII (§4.1 items 1–9 in order, then <paramref name="headers"/>).</summary>
    internal static byte[] BuildRequest(string host, string target, string key, string? extensionsOffer, IEnumerable<KeyValuePair<string, string>>? headers)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(target);
        if (!target.StartsWith('/') || target.AsSpan().ContainsAny(s_notInTarget))
        {
            throw new ArgumentException($"The request-target is an absolute path with an optional query, without spaces or control characters; it was '{target}'.", nameof(target));
        }
        CheckFieldValue(host, nameof(host));
        var text = new StringBuilder(256)
            .Append("GET ").Append(target).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(host).Append("\r\n")
            .Append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
            .Append("Sec-WebSocket-Key: ").Append(key).Append("\r\n")
            .Append("Sec-WebSocket-Version: 13\r\n");
        if (extensionsOffer is not null)
        {
            text.Append("Sec-WebSocket-Extensions: ").Append(extensionsOffer).Append("\r\n");
        }
        foreach ((string name, string value) in headers ?? [])
        {
            if (string.IsNullOrEmpty(name) || name.AsSpan().ContainsAnyExcept(ExtensionHeaderReader.TokenChars))
            {
                throw new ArgumentException($"A header name is a token (RFC 9110 §5.6.2); '{name}' is not.", nameof(headers));
            }
            CheckFieldValue(value, nameof(headers));
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        return Encoding.ASCII.GetBytes(text.Append("\r\n").ToString());
    }

    /// <summary>
    /// Checks a response head as §4.1 tells a client to ("If the server's response does not conform ... the client MUST
    /// Fail the WebSocket Connection") and returns the permessage-deflate parameters it agreed, if any.
    /// </summary>
    /// <exception cref="WebSocketHandshakeException">It does not conform.</exception>
    internal static DeflateParameters? CheckResponse(ResponseHead response, string key, DeflateOptions? offered)
    {
        int status = response.StatusCode;
        if (status != 101)
        {
            Fail($"The server answered {status} {response.ReasonPhrase} instead of 101 Switching Protocols.", status);
        }
        if (!HttpTokenList.Contains(response.GetValues("Upgrade"), "websocket"))
        {
            Fail("The 101 has no 'Upgrade: websocket'.", status);
        }
        if (!HttpTokenList.Contains(response.GetValues("Connection"), "Upgrade"))
        {
            Fail("The 101 has no 'Connection: Upgrade'.", status);
        }
        if (response.Count("Sec-WebSocket-Accept") != 1 || !string.Equals(response.GetFirst("Sec-WebSocket-Accept"), WebSocketHandshake.ComputeAccept(key), StringComparison.Ordinal))
        {
            Fail("The 101's Sec-WebSocket-Accept is not the one for our key.", status);
        }
        if (response.Count("Sec-WebSocket-Protocol") != 0)
        {
            // §4.1 item 6 of the response: a subprotocol that was not requested (none is).
            Fail("The server chose a subprotocol that was not requested.", status);
        }
        string extensions = string.Join(", ", response.GetValues("Sec-WebSocket-Extensions"));
        if (DeflateClientNegotiation.ReadResponse(extensions, offered, out DeflateParameters? agreed) is string refusal)
        {
            Fail(refusal, status);
        }
        return agreed;
    }

    /// <summary>Reads up to the empty line that ends the response head, and past it: what follows is the connection's.</summary>
    private static async ValueTask<ResponseHead> ReadResponseHeadAsync(PipeReader input, CancellationToken cancellationToken)
    {
        while (true)
        {
            ReadResult result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            var reader = new SequenceReader<byte>(buffer);
            if (reader.TryReadTo(out ReadOnlySequence<byte> head, EndOfHead) && head.Length <= MaxResponseHeadBytes)
            {
                ResponseHead? parsed = ResponseHead.Parse(head.IsSingleSegment ? head.FirstSpan : head.ToArray());
                input.AdvanceTo(reader.Position);
                if (parsed is null)
                {
                    Fail("The server's response head is not HTTP/1.1.", null);
                }
                return parsed;
            }
            if (buffer.Length > MaxResponseHeadBytes + EndOfHead.Length)
            {
                input.AdvanceTo(buffer.Start);
                Fail($"The server's response head is longer than {MaxResponseHeadBytes} bytes.", null);
            }
            if (result.IsCompleted || result.IsCanceled)
            {
                input.AdvanceTo(buffer.Start);
                Fail("The connection ended before the server's response head did.", null);
            }
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static void CheckFieldValue(string value, string name)
    {
        // RFC 9110 §5.5: no CR, LF or NUL in a field value; we write ASCII, so nothing beyond it either.
        if (value is null || value.AsSpan().ContainsAnyExcept(s_fieldValueChars))
        {
            throw new ArgumentException($"A header value holds only visible ASCII, spaces and tabs; '{value}' does not.", name);
        }
    }

    /// <summary>The handshake's one throw: the server's answer does not let the client proceed.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Fail(string reason, int? statusCode) => throw new WebSocketHandshakeException(reason, statusCode);
}
