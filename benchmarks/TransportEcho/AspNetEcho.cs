using System.Buffers;
using System.Net.WebSockets;

namespace MaoOcr.Benchmarks.TransportEcho;

/// <summary>
/// ASP.NET Core's WebSockets, used as well as they can be: the <see cref="Memory{T}"/> overloads (pooled, ValueTask-based
/// in ManagedWebSocket), one pooled buffer per connection reused message after message and grown by doubling, and the
/// whole message echoed in one send, as our echo does.
/// </summary>
internal static class AspNetEcho
{
    private const int InitialBufferBytes = 4096;

    public static async Task RunAsync(HttpContext context, EchoOptions options)
    {
        var accept = new WebSocketAcceptContext { DangerousEnableCompression = options.Deflate };
        using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync(accept).ConfigureAwait(false);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
        try
        {
            while (true)
            {
                int length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        if (buffer.Length >= EchoOptions.MaxMessageBytes)
                        {
                            await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, "Message too big.", CancellationToken.None).ConfigureAwait(false);
                            return;
                        }
                        byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                    int room = (int)Math.Min(buffer.Length, EchoOptions.MaxMessageBytes) - length;
                    result = await socket.ReceiveAsync(buffer.AsMemory(length, room), CancellationToken.None).ConfigureAwait(false);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, socket.CloseStatusDescription, CancellationToken.None).ConfigureAwait(false);
                    }
                    return;
                }
                await socket.SendAsync(buffer.AsMemory(0, length), result.MessageType, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (WebSocketException)
        {
            // The peer went away or broke the protocol (ManagedWebSocket has already closed with the right status).
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
