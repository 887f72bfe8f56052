using System.Globalization;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using MaoOcr.EdgeServer.Tests.Aot;
using static MaoOcr.Appliance.Testing.OcrSocket;

namespace MaoOcr.EdgeServer.Tests.Deploy;

/// <summary>
/// Behind a trusted balancer the appliance's log names the browser's address (X-Forwarded-For), on both WebSocket paths:
/// the handshake as a connection's first request (the connection middleware) and after another request (ASP.NET Core's
/// ForwardedHeaders middleware, then the fallback). A forged X-Forwarded-For from an untrusted peer is not logged.
/// </summary>
public sealed class ForwardedClientTests : IClassFixture<PublishedBinaryTests.Binary>
{
    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";
    private readonly PublishedBinaryTests.Binary _binary;

    public ForwardedClientTests(PublishedBinaryTests.Binary binary) => _binary = binary;

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.0.0.0/8", false)]
    public async Task The_log_names_the_forwarded_client_only_from_a_trusted_peer(string trusted, bool believed)
    {
        await using ServedBinary served = await ServedBinary.StartAsync(_binary.Path, new Dictionary<string, string>
        {
            ["MAOOCR__Server__TrustedProxies__0"] = trusted,
            ["MAOOCR__Server__DrainSeconds"] = "0",
            ["MAOOCR__Logging__LogLevel__MaoOcr.Appliance.Sessions.OcrWebSocketEndpoint"] = "Debug",
        });

        using (var fast = new ClientWebSocket())
        {
            fast.Options.SetRequestHeader("X-Forwarded-For", "192.0.2.1, 203.0.113.7");
            await fast.ConnectAsync(new Uri($"ws://127.0.0.1:{served.Port}/ws/ocr"), CancellationToken.None).WaitAsync(StepTimeout);
            await PingAsync(fast, "fast");
        }
        Assert.StartsWith("HTTP/1.1 101", await FallbackHandshakeAsync(served.Port, "198.51.100.9"), StringComparison.Ordinal);

        (int code, _, string error) = await DeployTool.RunAsync("kill", ["-TERM", served.Process.Id.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        Assert.True(code == 0, error);
        await served.Process.WaitForExitAsync().WaitAsync(StepTimeout);
        string log = await served.Output;

        Assert.Equal(believed, log.Contains("from 203.0.113.7:0", StringComparison.Ordinal));
        Assert.Equal(believed, log.Contains("from 198.51.100.9:", StringComparison.Ordinal));
        Assert.DoesNotContain("192.0.2.1", log, StringComparison.Ordinal);
        Assert.Equal(believed ? 0 : 2, CountOf(log, "from 127.0.0.1:"));
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    /// <summary>A plain request, then the handshake on the same connection (so Kestrel's HTTP answers it); the response head.</summary>
    private static async Task<string> FallbackHandshakeAsync(int port, string forwardedFor)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port).WaitAsync(StepTimeout);
        NetworkStream stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n")).AsTask().WaitAsync(StepTimeout);
        Assert.EndsWith("ok\n", await ReadUntilAsync(stream, "ok\n"), StringComparison.Ordinal);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"GET /ws/ocr HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + $"Sec-WebSocket-Key: {Key}\r\nSec-WebSocket-Version: 13\r\nX-Forwarded-For: {forwardedFor}\r\n\r\n")).AsTask().WaitAsync(StepTimeout);
        return await ReadUntilAsync(stream, "\r\n\r\n");
    }

    private static async Task<string> ReadUntilAsync(NetworkStream stream, string end)
    {
        var text = new StringBuilder();
        byte[] one = new byte[1];
        while (!text.ToString().EndsWith(end, StringComparison.Ordinal))
        {
            int read = await stream.ReadAsync(one).AsTask().WaitAsync(StepTimeout);
            Assert.True(read == 1, "The connection closed early: " + text);
            text.Append((char)one[0]);
        }
        return text.ToString();
    }
}
