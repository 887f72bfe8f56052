using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace MaoOcr.Client.Tests.Support;

/// <summary>
/// A WebSocket server whose first connection reads slowly, as over a slow link, for a time the test sets, and then
/// either stops reading and answering for good (a link that died in the middle of an upload: what the real appliance
/// cannot be made to do) or reads on at full speed. Every connection answers protocol pings with pongs, and each
/// binary request it has read whole with an <c>ocr_complete</c> whose text names the connection
/// ("answered on connection 2").
/// </summary>
public sealed class ThrottledServer : IAsyncDisposable
{
    /// <summary>What the slow phase reads at once, and the pause after it: about 6 MB/s, a slow Wi-Fi link.</summary>
    private const int SlowReadBytes = 64 * 1024;
    private static readonly TimeSpan s_slowReadPause = TimeSpan.FromMilliseconds(10);

    /// <summary>What is kept of a message: its head, where a binary request's envelope is; the image bytes are dropped.</summary>
    private const int KeptBytes = 64 * 1024;

    private readonly TimeSpan _slowFor;
    private readonly bool _thenStall;
    private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private LoopbackWebSocketHost _host = null!;
    private long _bytesBeforeStall;

    private ThrottledServer(TimeSpan slowFor, bool thenStall)
    {
        _slowFor = slowFor;
        _thenStall = thenStall;
    }

    public Uri Address => _host.Address;

    public int Connections => _host.Connections;

    /// <summary>Completes when the first connection has stopped reading (only with <c>thenStall</c>).</summary>
    public Task Stalled => _stalled.Task;

    /// <summary>Bytes the first connection read before it stopped.</summary>
    public long BytesBeforeStall => Interlocked.Read(ref _bytesBeforeStall);

    /// <param name="slowFor">How long the first connection reads slowly, from its first byte.</param>
    /// <param name="thenStall">True: it then stops reading and answering for good; false: it reads on at full speed.</param>
    public static async Task<ThrottledServer> StartAsync(TimeSpan slowFor, bool thenStall)
    {
        var server = new ThrottledServer(slowFor, thenStall);
        server._host = await LoopbackWebSocketHost.StartAsync(server.ServeAsync);
        return server;
    }

    private async Task ServeAsync(WebSocket socket, int connection, CancellationToken aborted)
    {
        bool throttled = connection == 1;
        var message = new MemoryStream();
        byte[] buffer = new byte[256 * 1024];
        DateTime? slowUntil = null;
        long read = 0;
        while (true)
        {
            Memory<byte> into = buffer;
            if (throttled && slowUntil is { } until)
            {
                if (DateTime.UtcNow >= until)
                {
                    throttled = false;
                    if (_thenStall)
                    {
                        Interlocked.Exchange(ref _bytesBeforeStall, read);
                        _stalled.TrySetResult();
                        // Dead: no more reads (so no more TCP window, and no WebSocket pongs either), no answers.
                        using var stalledUntil = CancellationTokenSource.CreateLinkedTokenSource(aborted, _stopping.Token);
                        await Task.Delay(Timeout.Infinite, stalledUntil.Token);
                    }
                }
                else
                {
                    into = buffer.AsMemory(0, SlowReadBytes);
                    await Task.Delay(s_slowReadPause, aborted);
                }
            }
            ValueWebSocketReceiveResult result = await socket.ReceiveAsync(into, aborted);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }
            read += result.Count;
            slowUntil ??= DateTime.UtcNow + _slowFor;
            message.Write(buffer, 0, (int)Math.Clamp(KeptBytes - message.Length, 0, result.Count));
            if (result.EndOfMessage)
            {
                byte[]? answer = Answer(message.ToArray(), result.MessageType, connection);
                if (answer is not null)
                {
                    await socket.SendAsync(answer, WebSocketMessageType.Text, endOfMessage: true, aborted);
                }
                message.SetLength(0);
            }
        }
    }

    private static byte[]? Answer(byte[] request, WebSocketMessageType type, int connection)
    {
        if (type == WebSocketMessageType.Text)
        {
            using JsonDocument ping = JsonDocument.Parse(request);
            return ping.RootElement.GetProperty("type").GetString() == "ping"
                ? Encoding.UTF8.GetBytes($$$"""{"type":"pong","id":"{{{ping.RootElement.GetProperty("id").GetString()}}}","data":{}}""")
                : null;
        }
        int envelopeLength = (int)BinaryPrimitives.ReadUInt32BigEndian(request);
        using JsonDocument envelope = JsonDocument.Parse(request.AsMemory(4, envelopeLength));
        string id = envelope.RootElement.GetProperty("id").GetString()!;
        return Encoding.UTF8.GetBytes($$$"""{"type":"ocr_complete","id":"t-{{{connection}}}","data":{"request_id":"{{{id}}}","cached":false,"text":"answered on connection {{{connection}}}","width":1,"height":1,"lines":[]}}""");
    }

    public async ValueTask DisposeAsync()
    {
        // A stalled connection the client never gave up on must not hold the shutdown.
        await _stopping.CancelAsync();
        await _host.DisposeAsync();
        _stopping.Dispose();
    }
}
