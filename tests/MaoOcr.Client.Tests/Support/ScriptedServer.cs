using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text;
using System.Net.WebSockets;
using System.Text.Json;

namespace MaoOcr.Client.Tests.Support;

/// <summary>
/// A WebSocket server that answers each binary request with the messages a test scripts for it: what the real
/// appliance never sends (a broken binary answer) on a connection the SDK must keep, or what it sends only on cue (a
/// refusal while stopping). A scripted <see cref="WebSocketMessageType.Close"/> closes the connection with 1001, its
/// bytes the reason.
/// </summary>
public sealed class ScriptedServer : IAsyncDisposable
{
    private readonly Func<int, string, IEnumerable<(WebSocketMessageType Type, byte[] Bytes)>> _answers;
    private readonly ConcurrentQueue<(int Connection, string Id)> _received = new();
    private LoopbackWebSocketHost _host = null!;

    private ScriptedServer(Func<int, string, IEnumerable<(WebSocketMessageType, byte[])>> answers) => _answers = answers;

    public int Connections => _host.Connections;

    /// <summary>Every request received, in order: the connection it came on (1-based) and its id.</summary>
    public IReadOnlyList<(int Connection, string Id)> Received => [.. _received];

    public Uri Address => _host.Address;

    /// <param name="answers">The messages to send for a request, given the request's id.</param>
    public static Task<ScriptedServer> StartAsync(Func<string, IEnumerable<(WebSocketMessageType Type, byte[] Bytes)>> answers) =>
        StartAsync((_, id) => answers(id));

    /// <param name="answers">The messages to send for a request, given the connection it came on (1-based) and its id.</param>
    public static async Task<ScriptedServer> StartAsync(Func<int, string, IEnumerable<(WebSocketMessageType Type, byte[] Bytes)>> answers)
    {
        var server = new ScriptedServer(answers);
        server._host = await LoopbackWebSocketHost.StartAsync(server.ServeAsync);
        return server;
    }

    private async Task ServeAsync(WebSocket socket, int connection, CancellationToken aborted)
    {
        var message = new MemoryStream();
        byte[] buffer = new byte[64 * 1024];
        while (true)
        {
            WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, aborted);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }
            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }
            if (result.MessageType == WebSocketMessageType.Binary)
            {
                byte[] request = message.ToArray();
                int envelopeLength = (int)BinaryPrimitives.ReadUInt32BigEndian(request);
                using JsonDocument envelope = JsonDocument.Parse(request.AsMemory(4, envelopeLength));
                string id = envelope.RootElement.GetProperty("id").GetString()!;
                _received.Enqueue((connection, id));
                foreach ((WebSocketMessageType type, byte[] bytes) in _answers(connection, id))
                {
                    if (type == WebSocketMessageType.Close)
                    {
                        // As a stopping appliance does: nothing more goes out, and the client's close ends the loop.
                        await socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, Encoding.UTF8.GetString(bytes), aborted);
                        break;
                    }
                    await socket.SendAsync(bytes, type, endOfMessage: true, aborted);
                }
            }
            message.SetLength(0);
        }
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
