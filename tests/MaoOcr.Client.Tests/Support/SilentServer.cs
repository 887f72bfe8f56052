using System.Net.WebSockets;
using System.Text;

namespace MaoOcr.Client.Tests.Support;

/// <summary>
/// A WebSocket server that accepts connections on /ws/ocr and reads what it is sent but never answers: the one thing
/// the real appliance cannot be made to do, a dead peer behind a live TCP connection (the case the heartbeat exists for).
/// </summary>
public sealed class SilentServer : IAsyncDisposable
{
    private LoopbackWebSocketHost _host = null!;
    private int _pings;

    private SilentServer()
    {
    }

    public int Connections => _host.Connections;

    /// <summary>Protocol pings received (text messages of type "ping"), over all connections.</summary>
    public int Pings => Volatile.Read(ref _pings);

    public Uri Address => _host.Address;

    public static async Task<SilentServer> StartAsync()
    {
        var server = new SilentServer();
        server._host = await LoopbackWebSocketHost.StartAsync((socket, _, aborted) => server.ServeAsync(socket, aborted));
        return server;
    }

    private async Task ServeAsync(WebSocket socket, CancellationToken aborted)
    {
        byte[] buffer = new byte[64 * 1024];
        while (true)
        {
            WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, aborted);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }
            if (result.MessageType == WebSocketMessageType.Text && Encoding.UTF8.GetString(buffer, 0, result.Count).Contains("\"ping\"", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _pings);
            }
        }
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
