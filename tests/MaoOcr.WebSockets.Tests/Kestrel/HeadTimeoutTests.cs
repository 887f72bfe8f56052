using System.Net.Sockets;
using System.Text;
using MaoOcr.WebSockets.Tests.Conformance;

namespace MaoOcr.WebSockets.Tests.Kestrel;

/// <summary>
/// A connection that starts a request head and stalls: our middleware reads the first head before Kestrel does, so its
/// timeout is ours. It used to drop the connection without a word; now it answers 408 with the reason, as Kestrel does for
/// later heads, and a connection that never sent a byte is still just closed.
/// </summary>
public sealed class HeadTimeoutTests
{
    private static readonly TimeSpan s_headTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_head_that_stalls_is_answered_408_with_the_reason_and_closed()
    {
        await using EchoServer server = await EchoServer.StartAsync(configure: o => o.HeadTimeout = s_headTimeout);
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", server.Port);
        NetworkStream stream = client.GetStream();
        await stream.WriteAsync("POST /api/ocr HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty"u8.ToArray());

        string answer = await ReadToEndAsync(stream);

        Assert.StartsWith("HTTP/1.1 408 Request Timeout\r\n", answer, StringComparison.Ordinal);
        Assert.Contains("Connection: close\r\n", answer, StringComparison.Ordinal);
        Assert.EndsWith("The request head did not arrive within 1 s.\n", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_that_sends_nothing_is_closed_without_an_answer()
    {
        await using EchoServer server = await EchoServer.StartAsync(configure: o => o.HeadTimeout = s_headTimeout);
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", server.Port);

        Assert.Equal(string.Empty, await ReadToEndAsync(client.GetStream()));
    }

    [Fact]
    public void The_timeout_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new HandshakeOptions { HeadTimeout = TimeSpan.Zero });

    private static async Task<string> ReadToEndAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(s_patience);
        var received = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
        {
            received.Write(buffer, 0, read);
        }
        return Encoding.ASCII.GetString(received.ToArray());
    }
}
