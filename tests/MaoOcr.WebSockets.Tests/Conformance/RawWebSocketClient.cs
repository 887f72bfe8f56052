using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace MaoOcr.WebSockets.Tests.Conformance;

/// <summary>
/// A raw TCP client for the socket-level tests: it writes the handshake by hand, checks the 101, and then speaks frames
/// through a <see cref="TestClient"/> over the socket's pipes, so every frame goes out as hand-built masked bytes in
/// seeded random pieces (one socket write each, TCP_NODELAY on), which reach the server split at every kind of point.
/// </summary>
internal sealed class RawWebSocketClient : IAsyncDisposable
{
    /// <summary>Bounds every read, so that a server that goes silent fails the test instead of hanging it.</summary>
    private static readonly TimeSpan s_readTimeout = TimeSpan.FromSeconds(60);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly CancellationTokenSource _timeout;

    private RawWebSocketClient(Socket socket, NetworkStream stream, CancellationTokenSource timeout, TestClient frames, string? extensions)
    {
        _socket = socket;
        _stream = stream;
        _timeout = timeout;
        Frames = frames;
        Extensions = extensions;
    }

    /// <summary>Sends and reads frames.</summary>
    public TestClient Frames { get; }

    /// <summary>The 101's <c>Sec-WebSocket-Extensions</c> value; null when the server agreed none.</summary>
    public string? Extensions { get; }

    /// <summary>Connects, sends the handshake (with <paramref name="extensions"/> offered when given) and checks the 101's accept key.</summary>
    public static async Task<RawWebSocketClient> ConnectAsync(EchoServer server, int seed, string? extensions = null)
    {
        var timeout = new CancellationTokenSource(s_readTimeout);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.Port), timeout.Token);
        var stream = new NetworkStream(socket, ownsSocket: false);
        var output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        var input = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));

        string key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = new StringBuilder()
            .Append($"GET {EchoServer.Path} HTTP/1.1\r\nHost: 127.0.0.1:{server.Port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n")
            .Append($"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n");
        if (extensions is not null)
        {
            request.Append($"Sec-WebSocket-Extensions: {extensions}\r\n");
        }
        await output.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()), timeout.Token);

        (string statusLine, Dictionary<string, string> headers) = await ReadResponseHeadAsync(input, timeout.Token);
        Assert.Equal("HTTP/1.1 101 Switching Protocols", statusLine);
#pragma warning disable CA5350 // RFC 6455 fixes SHA-1 for the accept key, which proves only that the server read the request.
        string expectedAccept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
#pragma warning restore CA5350
        Assert.Equal(expectedAccept, headers["sec-websocket-accept"]);
        headers.TryGetValue("sec-websocket-extensions", out string? agreed);
        return new RawWebSocketClient(socket, stream, timeout, new TestClient(output, input, seed, timeout.Token), agreed);
    }

    /// <summary>Whether the server ended the TCP connection (a FIN, or a reset after its close frame) with nothing more sent.</summary>
    public async Task<bool> ServerEndedConnectionAsync()
    {
        try
        {
            return await Frames.ServerOutputCompletedAsync();
        }
        catch (IOException exception) when (exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Close();
        await _stream.DisposeAsync();
        _socket.Dispose();
        _timeout.Dispose();
    }

    private static async Task<(string StatusLine, Dictionary<string, string> Headers)> ReadResponseHeadAsync(PipeReader input, CancellationToken cancellationToken)
    {
        byte[] end = "\r\n\r\n"u8.ToArray();
        while (true)
        {
            ReadResult result = await input.ReadAsync(cancellationToken);
            ReadOnlySequence<byte> buffer = result.Buffer;
            var reader = new SequenceReader<byte>(buffer);
            if (reader.TryReadTo(out ReadOnlySequence<byte> head, end))
            {
                string[] lines = Encoding.ASCII.GetString(head).Split("\r\n");
                input.AdvanceTo(reader.Position);
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (string line in lines.Skip(1))
                {
                    int colon = line.IndexOf(':', StringComparison.Ordinal);
                    headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
                }
                return (lines[0], headers);
            }
            Assert.False(result.IsCompleted, "The server closed the connection before its response head ended.");
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
