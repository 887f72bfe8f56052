using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MaoOcr.WebSockets.Handshake;

/// <summary>
/// Writes the handshake's answer straight into the transport's writer, ASCII: the 101 (RFC 6455 §4.2.2 item 5) or a
/// refusal that closes the connection. One <see cref="IBufferWriter{T}.GetSpan"/> of the exact length per response.
/// </summary>
internal static class HandshakeResponseWriter
{
    private static ReadOnlySpan<byte> Http11 => "HTTP/1.1 "u8;

    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    private static ReadOnlySpan<byte> HeaderSeparator => ": "u8;

    private static ReadOnlySpan<byte> SwitchingProtocols => "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "u8;

    private static ReadOnlySpan<byte> ExtensionsHeader => "Sec-WebSocket-Extensions: "u8;

    private static ReadOnlySpan<byte> RefusalHeaders => "Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: "u8;

    /// <summary>Writes the response <paramref name="result"/> calls for.</summary>
    /// <returns>Bytes written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="result"/> is <see cref="HandshakeOutcome.PassToHttp"/>: that request gets no answer from us.</exception>
    public static int Write(IBufferWriter<byte> output, in HandshakeResult result)
    {
        ArgumentNullException.ThrowIfNull(output);
        return result.Outcome switch
        {
            HandshakeOutcome.Accept => WriteAccept(output, result.AcceptValue!, result.ExtensionsHeaderValue),
            HandshakeOutcome.Refuse => WriteRefusal(output, result.StatusCode, result.Reason, result.ExtraHeaders),
            _ => throw new ArgumentException("A request that is not a WebSocket handshake for us is handed to HTTP, not answered here.", nameof(result)),
        };
    }

    /// <summary>Writes <c>101 Switching Protocols</c> with the accept value and, when given, the extensions header.</summary>
    /// <returns>Bytes written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> or <paramref name="acceptValue"/> is null.</exception>
    public static int WriteAccept(IBufferWriter<byte> output, string acceptValue, string? extensionsHeaderValue)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(acceptValue);
        int length = SwitchingProtocols.Length + acceptValue.Length + Crlf.Length
            + (extensionsHeaderValue is null ? 0 : ExtensionsHeader.Length + extensionsHeaderValue.Length + Crlf.Length)
            + Crlf.Length;
        Span<byte> span = output.GetSpan(length);
        int at = Put(span, 0, SwitchingProtocols);
        at = Put(span, at, acceptValue);
        at = Put(span, at, Crlf);
        if (extensionsHeaderValue is not null)
        {
            at = Put(span, at, ExtensionsHeader);
            at = Put(span, at, extensionsHeaderValue);
            at = Put(span, at, Crlf);
        }
        at = Put(span, at, Crlf);
        Debug.Assert(at == length);
        output.Advance(at);
        return at;
    }

    /// <summary>
    /// Writes a refusal: status line, <c>Content-Type: text/plain</c>, <c>Connection: close</c>, <c>Content-Length</c>,
    /// <paramref name="extraHeaders"/>, and <paramref name="reason"/> as a one-line body.
    /// </summary>
    /// <param name="statusCode">A 4xx code, 400 to 499.</param>
    /// <returns>Bytes written.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not 400 to 499.</exception>
    public static int WriteRefusal(IBufferWriter<byte> output, int statusCode, string reason, IReadOnlyList<RequestHeader> extraHeaders)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(extraHeaders);
        WebSocketThrow.IfOutOfRange(statusCode, 400, 499, nameof(statusCode));
        string phrase = HandshakeRefusals.ReasonPhrase(statusCode);
        int bodyLength = reason.Length + 1;

        int length = Http11.Length + 3 + 1 + phrase.Length + Crlf.Length
            + RefusalHeaders.Length + DecimalDigits(bodyLength) + Crlf.Length;
        foreach (RequestHeader header in extraHeaders)
        {
            length += header.Name.Length + HeaderSeparator.Length + header.Value.Length + Crlf.Length;
        }
        length += Crlf.Length + bodyLength;

        Span<byte> span = output.GetSpan(length);
        int at = Put(span, 0, Http11);
        at = PutNumber(span, at, statusCode);
        span[at++] = (byte)' ';
        at = Put(span, at, phrase);
        at = Put(span, at, Crlf);
        at = Put(span, at, RefusalHeaders);
        at = PutNumber(span, at, bodyLength);
        at = Put(span, at, Crlf);
        foreach (RequestHeader header in extraHeaders)
        {
            at = Put(span, at, header.Name);
            at = Put(span, at, HeaderSeparator);
            at = Put(span, at, header.Value);
            at = Put(span, at, Crlf);
        }
        at = Put(span, at, Crlf);
        at = Put(span, at, reason);
        span[at++] = (byte)'\n';
        Debug.Assert(at == length);
        output.Advance(at);
        return at;
    }

    private static int DecimalDigits(int value)
    {
        Debug.Assert(value >= 0);
        int digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }
        return digits;
    }

    private static int PutNumber(Span<byte> span, int at, int value)
    {
        bool formatted = value.TryFormat(span[at..], out int written, provider: CultureInfo.InvariantCulture);
        Debug.Assert(formatted && written == DecimalDigits(value));
        return at + written;
    }

    private static int Put(Span<byte> span, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(span[at..]);
        return at + bytes.Length;
    }

    // Everything we write is ASCII by construction (base64, tokens, our own wording); a stray non-ASCII char becomes '?',
    // one byte, so the precomputed length still holds.
    private static int Put(Span<byte> span, int at, string text) => at + Encoding.ASCII.GetBytes(text, span[at..]);
}
