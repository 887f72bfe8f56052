using System.Buffers;
using System.Text;

namespace MaoOcr.WebSockets.Tests.Handshake;

/// <summary>The exact bytes of the 101 and of each refusal.</summary>
public sealed class HandshakeResponseWriterTests
{
    private static string Write(in HandshakeResult result)
    {
        var output = new ArrayBufferWriter<byte>();
        int written = HandshakeResponseWriter.Write(output, result);
        Assert.Equal(output.WrittenCount, written);
        return Encoding.ASCII.GetString(output.WrittenSpan);
    }

    private static HandshakeResult Evaluate(string text, HandshakeOptions? options = null) =>
        WebSocketHandshake.Evaluate(HandshakeRequests.Parse(text), options ?? new HandshakeOptions());

    [Fact]
    public void Accept_without_extensions_is_the_rfc_example_response()
    {
        Assert.Equal(
            "HTTP/1.1 101 Switching Protocols\r\n" +
            "Upgrade: websocket\r\n" +
            "Connection: Upgrade\r\n" +
            "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n" +
            "\r\n",
            Write(Evaluate(HandshakeRequests.Upgrade())));
    }

    [Fact]
    public void Accept_with_deflate_names_the_extension()
    {
        HandshakeResult result = Evaluate(HandshakeRequests.Upgrade(extra: ["Sec-WebSocket-Extensions: permessage-deflate"]));
        Assert.Equal(
            "HTTP/1.1 101 Switching Protocols\r\n" +
            "Upgrade: websocket\r\n" +
            "Connection: Upgrade\r\n" +
            "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n" +
            $"Sec-WebSocket-Extensions: {result.ExtensionsHeaderValue}\r\n" +
            "\r\n",
            Write(result));
        Assert.StartsWith("permessage-deflate", result.ExtensionsHeaderValue, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_version_refusal_has_status_headers_and_a_counted_body()
    {
        HandshakeResult result = Evaluate(HandshakeRequests.Upgrade(drop: ["Sec-WebSocket-Version"], extra: ["Sec-WebSocket-Version: 8"]));
        string body = result.Reason + "\n";
        Assert.Equal(
            "HTTP/1.1 426 Upgrade Required\r\n" +
            "Content-Type: text/plain; charset=utf-8\r\n" +
            "Connection: close\r\n" +
            $"Content-Length: {body.Length}\r\n" +
            "Sec-WebSocket-Version: 13\r\n" +
            "Upgrade: websocket\r\n" +
            "\r\n" +
            body,
            Write(result));
    }

    [Theory]
    [InlineData("POST", null, null, "HTTP/1.1 405 Method Not Allowed\r\n", "Allow: GET\r\n")]
    [InlineData("GET", "Origin: http://evil.example", null, "HTTP/1.1 403 Forbidden\r\n", null)]
    [InlineData("GET", null, "t", "HTTP/1.1 401 Unauthorized\r\n", "WWW-Authenticate: Bearer\r\n")]
    [InlineData("GET", "Sec-WebSocket-Key: x", null, "HTTP/1.1 400 Bad Request\r\n", null)]
    public void Refusals_start_with_their_status_line(string method, string? extra, string? token, string statusLine, string? header)
    {
        string text = HandshakeRequests.Upgrade(method: method, drop: extra?.StartsWith("Sec-", StringComparison.Ordinal) == true ? ["Sec-WebSocket-Key"] : null, extra: extra is null ? null : [extra]);
        string response = Write(Evaluate(text, new HandshakeOptions { ApiToken = token }));
        Assert.StartsWith(statusLine, response, StringComparison.Ordinal);
        Assert.Contains("Connection: close\r\n", response, StringComparison.Ordinal);
        if (header is not null)
        {
            Assert.Contains(header, response, StringComparison.Ordinal);
        }
        int split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        string body = response[(split + 4)..];
        Assert.Contains($"Content-Length: {body.Length}\r\n", response, StringComparison.Ordinal);
        Assert.EndsWith("\n", body, StringComparison.Ordinal);
        Assert.Equal(1, body.Count(c => c == '\n'));
    }

    [Fact]
    public void Not_ours_is_not_written()
    {
        HandshakeResult result = Evaluate("GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n");
        Assert.Throws<ArgumentException>(() => HandshakeResponseWriter.Write(new ArrayBufferWriter<byte>(), result));
    }

    [Fact]
    public void Refusal_status_must_be_4xx() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => HandshakeResponseWriter.WriteRefusal(new ArrayBufferWriter<byte>(), 200, "x", []));
}
