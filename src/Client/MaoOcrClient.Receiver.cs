using System.Buffers;
using System.Net.WebSockets;
using MaoOcr.Client.Internal;
using MaoOcr.Client.Protocol;

namespace MaoOcr.Client;

public sealed partial class MaoOcrClient
{
    /// <summary>Size of each receive call. 16 KiB: a progress message fits in one; large results arrive in a few.</summary>
    private const int ReceiveChunkBytes = 16 * 1024;

    private int _pongs;

    /// <summary>Heartbeat pongs that answered our pings, over all connections (the tests watch the heartbeat with it).</summary>
    internal int PongsReceived => Volatile.Read(ref _pongs);

    /// <summary>Receives and dispatches until the connection ends, with the heartbeat beside it.</summary>
    /// <returns>Why the connection ended.</returns>
    private async Task<Exception> ServeAsync(Connection connection)
    {
        Task heartbeat = HeartbeatAsync(connection);
        Exception reason;
        try
        {
            reason = await ReceiveLoopAsync(connection).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            reason = connection.DropReason ?? new MaoOcrConnectionException($"The connection to {Endpoint} dropped: {Innermost(e).Message}", e);
        }
        connection.Abort(reason);
        await heartbeat.ConfigureAwait(false);
        return reason;
    }

    private async Task<Exception> ReceiveLoopAsync(Connection connection)
    {
        ClientWebSocket socket = connection.Socket;
        var message = new ArrayBufferWriter<byte>(ReceiveChunkBytes);
        while (true)
        {
            message.ResetWrittenCount();
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(message.GetMemory(ReceiveChunkBytes), connection.Ended).ConfigureAwait(false);
                // Any part of any message, not only a pong: a long answer arriving is as good as one.
                connection.NoteSignOfLife();
                message.Advance(result.Count);
                if (message.WrittenCount > _options.MaxMessageBytes)
                {
                    return new MaoOcrConnectionException($"The appliance sent a message over {_options.MaxMessageBytes} bytes (MaxMessageBytes); the connection was dropped.");
                }
            }
            while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                string why = socket.CloseStatus is { } status ? $"{(int)status} {socket.CloseStatusDescription}".TrimEnd() : "no status";
                return new MaoOcrConnectionException($"The appliance closed the connection ({why}).");
            }
            // Text, or binary for a final answer with its searchable PDF. A message that cannot be read is dropped: the
            // connection stays up for the other requests.
            bool read = result.MessageType == WebSocketMessageType.Binary
                ? ServerMessageReader.TryReadBinary(message.WrittenMemory, out ServerMessage parsed)
                : ServerMessageReader.TryRead(message.WrittenMemory, out parsed);
            if (read)
            {
                Dispatch(connection, parsed);
            }
        }
    }

    private void Dispatch(Connection connection, ServerMessage message)
    {
        if (message.Type == WireNames.Pong)
        {
            if (connection.PongReceived(message.Id))
            {
                Interlocked.Increment(ref _pongs);
            }
            return;
        }
        if (message.Event is not { } ocrEvent)
        {
            return;
        }
        if (message.Resend)
        {
            // The appliance is going away and did not finish it; the connection closes with 1001 next. The request stays
            // pending with this connection's generation, so Attach sends it again on the next connection (through a
            // balancer, another appliance), in submission order, and the app never sees this refusal.
            return;
        }
        PendingRequest? request;
        lock (_gate)
        {
            // Answers for ids no longer known (cancelled, or from before a resend) are ignored.
            if (!_pending.TryGetValue(ocrEvent.RequestId, out request))
            {
                return;
            }
            if (ocrEvent.IsFinal)
            {
                _pending.Remove(ocrEvent.RequestId);
            }
        }
        Publish(request, ocrEvent);
    }
}
