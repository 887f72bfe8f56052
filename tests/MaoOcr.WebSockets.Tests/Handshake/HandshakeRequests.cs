using System.Buffers;
using System.Text;

namespace MaoOcr.WebSockets.Tests.Handshake;

/// <summary>Request heads for the handshake tests, as text and parsed.</summary>
internal static class HandshakeRequests
{
    /// <summary>The key of RFC 6455 §1.3.</summary>
    public const string RfcKey = "dGhlIHNhbXBsZSBub25jZQ==";

    /// <summary>Its accept value, as printed in RFC 6455 §1.3 (and recomputed with SHA-1 in WebSocketConstantsTests).</summary>
    public const string RfcAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    /// <summary>A valid upgrade to /ws/ocr; <paramref name="extra"/> lines (without CRLF) are appended, and lines named in <paramref name="drop"/> are left out.</summary>
    public static string Upgrade(string target = "/ws/ocr", string method = "GET", string version = "HTTP/1.1", string[]? extra = null, string[]? drop = null)
    {
        string[] lines =
        [
            "Host: edge.local:8080",
            "Upgrade: websocket",
            "Connection: Upgrade",
            $"Sec-WebSocket-Key: {RfcKey}",
            "Sec-WebSocket-Version: 13",
        ];
        var builder = new StringBuilder($"{method} {target} {version}\r\n");
        foreach (string line in lines)
        {
            string name = line[..line.IndexOf(':', StringComparison.Ordinal)];
            if (drop is null || !drop.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                builder.Append(line).Append("\r\n");
            }
        }
        foreach (string line in extra ?? [])
        {
            builder.Append(line).Append("\r\n");
        }
        return builder.Append("\r\n").ToString();
    }

    /// <summary>Parses <paramref name="text"/>, which must be a complete valid head.</summary>
    public static RequestHead Parse(string text)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes(text));
        RequestHeadParseStatus status = RequestHeadParser.TryParse(buffer, new RequestHeadLimits(), out _, out RequestHead? head, out RequestHeadError error);
        Assert.True(status == RequestHeadParseStatus.Complete, $"{status} {error}");
        return head!;
    }
}
