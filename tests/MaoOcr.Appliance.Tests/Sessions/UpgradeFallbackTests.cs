using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using static MaoOcr.Appliance.Testing.OcrSocket;

namespace MaoOcr.Appliance.Tests.Sessions;

/// <summary>
/// The fallback path (docs/design/websocket-layer.md): a handshake sent as a later request on a keep-alive connection
/// reaches Kestrel's HTTP, which upgrades it and runs the same session. The test speaks raw HTTP/1.1 on one socket.
/// </summary>
public sealed class UpgradeFallbackTests : IClassFixture<ApplianceFixture>
{
    // RFC 6455 §1.3's example key and the accept value it must produce.
    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";
    private const string Accept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private readonly RunningAppliance _appliance;

    public UpgradeFallbackTests(ApplianceFixture fixture) => _appliance = fixture.Appliance;

    [Fact]
    public async Task Upgrade_after_a_plain_request_on_the_same_connection_speaks_the_protocol()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_appliance.Address.Host, _appliance.Address.Port).WaitAsync(StepTimeout);
        NetworkStream stream = tcp.GetStream();

        // First request: plain HTTP, so the connection middleware hands the connection to Kestrel's HTTP.
        await WriteAsync(stream, $"GET /healthz HTTP/1.1\r\nHost: {_appliance.Address.Authority}\r\n\r\n");
        string healthHead = await ReadHeadAsync(stream);
        Assert.StartsWith("HTTP/1.1 200", healthHead, StringComparison.Ordinal);
        Assert.Equal("ok\n", await ReadBodyAsync(stream, healthHead));

        // Second request on the same connection: the WebSocket handshake.
        await WriteAsync(stream, UpgradeRequest(version: "13"));
        string head = await ReadHeadAsync(stream);
        Assert.StartsWith("HTTP/1.1 101", head, StringComparison.Ordinal);
        Assert.Contains("Sec-WebSocket-Accept: " + Accept + "\r\n", head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Upgrade: websocket\r\n", head, StringComparison.OrdinalIgnoreCase);

        using WebSocket socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
        await PingAsync(socket, "fallback-ping");

        RenderedImage image = TextImageRenderer.RenderLines(["Fallback upgrade 4417"]);
        await SendBinaryAsync(socket, BinaryRequest("fb-1", image.Bytes, "en"));
        List<JsonElement> messages = await ReceiveUntilFinalAsync(socket, "fb-1");
        Assert.Equal("ocr_start", Type(messages[0]));
        Assert.Equal("ocr_complete", Type(messages[^1]));
        string text = Data(messages[^1]).GetProperty("text").GetString()!;
        Assert.True(TextMetrics.CharacterErrorRate(image.Text, text) <= 0.05, text);

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).WaitAsync(StepTimeout);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }

    [Fact]
    public async Task A_bad_handshake_on_a_keep_alive_connection_is_refused_by_the_same_rules()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_appliance.Address.Host, _appliance.Address.Port).WaitAsync(StepTimeout);
        NetworkStream stream = tcp.GetStream();
        await WriteAsync(stream, $"GET /healthz HTTP/1.1\r\nHost: {_appliance.Address.Authority}\r\n\r\n");
        string healthHead = await ReadHeadAsync(stream);
        await ReadBodyAsync(stream, healthHead);

        await WriteAsync(stream, UpgradeRequest(version: "8"));
        string head = await ReadHeadAsync(stream);
        Assert.StartsWith("HTTP/1.1 426", head, StringComparison.Ordinal);
        Assert.Contains("Sec-WebSocket-Version: 13\r\n", head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("version 13", await ReadBodyAsync(stream, head), StringComparison.Ordinal);

        // Refused, not upgraded: the connection still serves HTTP.
        await WriteAsync(stream, $"GET /healthz HTTP/1.1\r\nHost: {_appliance.Address.Authority}\r\n\r\n");
        string again = await ReadHeadAsync(stream);
        Assert.StartsWith("HTTP/1.1 200", again, StringComparison.Ordinal);
    }

    private string UpgradeRequest(string version) =>
        $"GET /ws/ocr HTTP/1.1\r\nHost: {_appliance.Address.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + $"Sec-WebSocket-Key: {Key}\r\nSec-WebSocket-Version: {version}\r\n\r\n";

    private static Task WriteAsync(NetworkStream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask().WaitAsync(StepTimeout);

    /// <summary>Reads up to and including the blank line, one byte at a time so nothing after the head is consumed.</summary>
    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        byte[] one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            int read = await stream.ReadAsync(one).AsTask().WaitAsync(StepTimeout);
            Assert.True(read == 1, "The connection closed inside a response head: " + head);
            head.Append((char)one[0]);
        }
        return head.ToString();
    }

    /// <summary>The body after <paramref name="head"/>: Content-Length or chunked.</summary>
    private static async Task<string> ReadBodyAsync(NetworkStream stream, string head)
    {
        string? length = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        if (length is not null)
        {
            return await ReadExactlyAsync(stream, int.Parse(length["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.Contains("Transfer-Encoding: chunked", head, StringComparison.OrdinalIgnoreCase);
        var body = new StringBuilder();
        while (true)
        {
            string sizeLine = (await ReadLineAsync(stream)).Split(';')[0];
            int size = int.Parse(sizeLine, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            if (size == 0)
            {
                await ReadLineAsync(stream);
                return body.ToString();
            }
            body.Append(await ReadExactlyAsync(stream, size));
            await ReadLineAsync(stream);
        }
    }

    private static async Task<string> ReadExactlyAsync(NetworkStream stream, int count)
    {
        byte[] buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(StepTimeout);
        return Encoding.UTF8.GetString(buffer);
    }

    private static async Task<string> ReadLineAsync(NetworkStream stream)
    {
        var line = new StringBuilder();
        byte[] one = new byte[1];
        while (!line.ToString().EndsWith("\r\n", StringComparison.Ordinal))
        {
            await stream.ReadExactlyAsync(one).AsTask().WaitAsync(StepTimeout);
            line.Append((char)one[0]);
        }
        return line.ToString()[..^2];
    }
}
