using MaoOcr.WebSockets.Tests.Conformance;

namespace MaoOcr.WebSockets.Tests.Interop;

/// <summary>
/// curl sends handshakes our layer must refuse (RFC 6455 §4.2.1–4.2.2), on loopback: each gets its status code, the
/// headers the RFCs require beside it, and a body naming the problem; and the connection ends, so curl exits.
/// </summary>
public sealed class CurlHandshakeRefusalTests : IClassFixture<EchoServerFixture>
{
    private const string InstallStep = "install curl (`apt-get install curl`; .ci/run does).";
    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";

    private readonly EchoServer _server;

    public CurlHandshakeRefusalTests(EchoServerFixture fixture) => _server = fixture.Server;

    public static TheoryData<string, string[], int, string?> Refusals() => new()
    {
        { "version 8", ["Upgrade: websocket", "Connection: Upgrade", $"Sec-WebSocket-Key: {Key}", "Sec-WebSocket-Version: 8"], 426, "Sec-WebSocket-Version: 13" },
        { "no version", ["Upgrade: websocket", "Connection: Upgrade", $"Sec-WebSocket-Key: {Key}"], 400, "Sec-WebSocket-Version: 13" },
        { "no key", ["Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Version: 13"], 400, null },
        { "key of 8 bytes", ["Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: AAAAAAAAAAA=", "Sec-WebSocket-Version: 13"], 400, null },
        { "foreign origin", ["Upgrade: websocket", "Connection: Upgrade", $"Sec-WebSocket-Key: {Key}", "Sec-WebSocket-Version: 13", "Origin: http://evil.example"], 403, null },
        { "connection without upgrade", ["Upgrade: websocket", "Connection: keep-alive", $"Sec-WebSocket-Key: {Key}", "Sec-WebSocket-Version: 13"], 400, null },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task RefusedHandshake_GetsItsStatusAndHeaders(string name, string[] headers, int status, string? requiredHeader)
    {
        string curl = ExternalTool.Require("curl", InstallStep);
        var (exitCode, output, error) = await ExternalTool.RunAsync(curl, Arguments(headers, _server.Address));

        Assert.True(exitCode == 0, $"{name}: curl exited with {exitCode}: {error}");
        string[] lines = output.Split("\r\n");
        Assert.Equal($"HTTP/1.1 {status}", string.Join(' ', lines[0].Split(' ').Take(2)));
        if (requiredHeader is not null)
        {
            Assert.Contains(requiredHeader, lines, StringComparer.OrdinalIgnoreCase);
        }
        Assert.DoesNotContain(lines, l => l.StartsWith("Sec-WebSocket-Accept", StringComparison.OrdinalIgnoreCase));
        string body = output[(output.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        Assert.False(string.IsNullOrWhiteSpace(body), $"{name}: the refusal should say why.");
    }

    [Fact]
    public async Task MissingOrWrongApiToken_Gets401WithABearerChallenge()
    {
        string curl = ExternalTool.Require("curl", InstallStep);
        await using EchoServer server = await EchoServer.StartAsync(configure: options => options.ApiToken = "s3cret-token");
        string[] upgrade = ["Upgrade: websocket", "Connection: Upgrade", $"Sec-WebSocket-Key: {Key}", "Sec-WebSocket-Version: 13"];

        foreach (string[] headers in new[] { upgrade, [.. upgrade, "Authorization: Bearer wrong-token"] })
        {
            var (exitCode, output, error) = await ExternalTool.RunAsync(curl, Arguments(headers, server.Address));
            Assert.True(exitCode == 0, $"curl exited with {exitCode}: {error}");
            string[] lines = output.Split("\r\n");
            Assert.StartsWith("HTTP/1.1 401", lines[0], StringComparison.Ordinal);
            Assert.Contains("WWW-Authenticate: Bearer", lines, StringComparer.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task PlainGetOfTheWebSocketPath_IsRefusedWith400()
    {
        // The path is the WebSocket endpoint's, so the layer answers: this is not an upgrade.
        string curl = ExternalTool.Require("curl", InstallStep);
        var (exitCode, output, error) = await ExternalTool.RunAsync(curl, ["-sS", "-i", "--http1.1", "--max-time", "30", $"http://127.0.0.1:{_server.Port}{EchoServer.Path}"]);
        Assert.True(exitCode == 0, $"curl exited with {exitCode}: {error}");
        Assert.StartsWith("HTTP/1.1 400", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestForAnotherPath_IsHandedToHttp()
    {
        // Not for the WebSocket endpoint: the middleware consumes nothing and Kestrel's HTTP answers (no endpoint here: 404).
        string curl = ExternalTool.Require("curl", InstallStep);
        var (exitCode, output, error) = await ExternalTool.RunAsync(curl, ["-sS", "-i", "--http1.1", "--max-time", "30", $"http://127.0.0.1:{_server.Port}/other"]);
        Assert.True(exitCode == 0, $"curl exited with {exitCode}: {error}");
        Assert.StartsWith("HTTP/1.1 404", output, StringComparison.Ordinal);
    }

    /// <summary>curl's arguments: the status line and headers printed, HTTP/1.1, the given headers, and a bound on the wait.</summary>
    private static List<string> Arguments(string[] headers, Uri address)
    {
        var arguments = new List<string> { "-sS", "-i", "--http1.1", "--max-time", "30" };
        foreach (string header in headers)
        {
            arguments.Add("-H");
            arguments.Add(header);
        }
        arguments.Add($"http://127.0.0.1:{address.Port}{address.AbsolutePath}");
        return arguments;
    }
}
