using System.Buffers;
using System.Globalization;
using System.Threading.Channels;
using MaoOcr.Appliance.Protocol;
using MaoOcr.WebSockets;

namespace MaoOcr.Appliance.Sessions;

/// <summary>
/// The one outbound writer of a WebSocket session (Kestrel's <c>Http1OutputProducer</c> is the model): every message the
/// session sends is queued here as data, and one loop serializes each into one reused buffer and sends it. Messages go
/// out in the order they were queued, so a request's <c>ocr_start</c>, progress and final message never overtake each
/// other, and no task, closure or buffer is made per message.
/// </summary>
internal sealed class SessionWriter
{
    /// <summary>
    /// The serialization buffer is kept between messages up to this size. 64 KiB: every message but a large batch's
    /// <c>ocr_complete</c> fits; a buffer grown past it for one large answer is dropped rather than held per connection.
    /// </summary>
    private const int KeptBufferBytes = 64 * 1024;

    private readonly WebSocketConnection _socket;
    private readonly TimeProvider _time;
    private readonly CancellationToken _ended;
    private readonly Channel<OutboundMessage> _queue = Channel.CreateUnbounded<OutboundMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private ArrayBufferWriter<byte> _buffer = new(4096);
    private int _messageCounter;

    /// <param name="socket">The session's connection; only this writer sends data messages on it.</param>
    /// <param name="time">The clock for the messages' timestamps.</param>
    /// <param name="ended">Cancelled when the connection went away: queued messages are then dropped.</param>
    public SessionWriter(WebSocketConnection socket, TimeProvider time, CancellationToken ended)
    {
        _socket = socket;
        _time = time;
        _ended = ended;
        _loop = WriteLoopAsync();
    }

    /// <summary>Queues a message; it is dropped when the writer was completed or the connection can no longer be written to.</summary>
    public void Enqueue(in OutboundMessage message) => _queue.Writer.TryWrite(message);

    /// <summary>Sends what is queued, then stops: after it, the close frame may go out. Safe to call more than once.</summary>
    public Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        return _loop;
    }

    private async Task WriteLoopAsync()
    {
        // Yield first: the loop is started from the session's constructor and must not run on its caller's stack.
        await Task.Yield();
        bool open = true;
        ChannelReader<OutboundMessage> reader = _queue.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (reader.TryRead(out OutboundMessage message))
            {
                if (open)
                {
                    open = await SendAsync(message).ConfigureAwait(false);
                }
            }
        }
    }

    /// <returns>False when the connection can no longer be written to; later messages are dropped.</returns>
    private async ValueTask<bool> SendAsync(OutboundMessage message)
    {
        if (_buffer.Capacity > KeptBufferBytes)
        {
            _buffer = new ArrayBufferWriter<byte>(4096);
        }
        _buffer.ResetWrittenCount();
        Serialize(message, _buffer);
        try
        {
            if (message.Outcome?.SearchablePdf is { } pdf)
            {
                // The final answer with its searchable PDF: one binary message in the request's own binary form, the
                // envelope's length (4 bytes, big-endian), the ocr_complete envelope, then the PDF (docs/protocol.md).
                await _socket.SendAsync(WebSocketOpcode.Binary, BinaryAnswer.Frame(_buffer.WrittenSpan, pdf), _ended).ConfigureAwait(false);
                return true;
            }
            await _socket.SendAsync(WebSocketOpcode.Text, _buffer.WrittenMemory, _ended).ConfigureAwait(false);
            return true;
        }
        catch (WebSocketClosedException)
        {
            // Closed or aborted: nothing more can be sent on it.
            return false;
        }
        catch (OperationCanceledException) when (_ended.IsCancellationRequested)
        {
            // The connection went away while this message waited for room in the pipe.
            return false;
        }
    }

    private void Serialize(in OutboundMessage message, IBufferWriter<byte> output)
    {
        DateTimeOffset now = _time.GetUtcNow();
        switch (message.Kind)
        {
            case OutboundKind.Pong:
                ServerMessageWriter.WritePong(output, message.RequestId!, now);
                break;
            case OutboundKind.Start:
                ServerMessageWriter.WriteStart(output, NextId(), message.RequestId!, message.Number, now);
                break;
            case OutboundKind.Progress:
                ServerMessageWriter.WriteProgress(output, NextId(), message.RequestId!, message.Stage, message.Number, now, message.Page, message.Pages);
                break;
            case OutboundKind.Complete:
                ServerMessageWriter.WriteComplete(output, NextId(), message.RequestId!, message.Outcome!.Results!, message.Batch, message.Outcome.Cached, now, message.Outcome.SearchablePdf?.Length);
                break;
            default:
                ServerMessageWriter.WriteError(output, NextId(), message.RequestId, message.Code, message.Text!, message.RetryAfterMs, now, message.Resend);
                break;
        }
    }

    private string NextId() => "s-" + (++_messageCounter).ToString(CultureInfo.InvariantCulture);
}
