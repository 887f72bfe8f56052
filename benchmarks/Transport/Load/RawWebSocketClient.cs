using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MaoOcr.WebSockets;

namespace MaoOcr.Benchmarks.Transport.Load;

/// <summary>
/// A lean WebSocket client over a raw socket, so that the client costs as little CPU as it can on a box it shares with the
/// server: it sends a prebuilt frame, and reads the echo's frame headers and skips their payloads without copying them.
/// Only the first echo of a connection is kept and checked against what was sent.
/// </summary>
internal sealed class RawWebSocketClient : IDisposable
{
    private const int ReceiveBufferBytes = 256 * 1024;

    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[ReceiveBufferBytes];
    private int _start;
    private int _end;

    private RawWebSocketClient(Socket socket)
    {
        _socket = socket;
    }

    public bool DeflateNegotiated { get; private set; }

    /// <summary>Whether the last message received had RSV1 set (permessage-deflate: compressed).</summary>
    public bool LastMessageCompressed { get; private set; }

    public static async Task<RawWebSocketClient> ConnectAsync(IPEndPoint endPoint, string path, bool offerDeflate, CancellationToken cancellationToken)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            string extensions = offerDeflate ? "Sec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover\r\n" : "";
            byte[] request = Encoding.ASCII.GetBytes(
                $"GET {path} HTTP/1.1\r\nHost: {endPoint}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                $"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n{extensions}\r\n");
            await socket.SendAsync(request, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            var client = new RawWebSocketClient(socket);
            string head = await client.ReadResponseHeadAsync(cancellationToken).ConfigureAwait(false);
            if (!head.StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Handshake refused: {head.Split('\r')[0]}");
            }
            // The same client: its buffer may already hold bytes the server sent after the head.
            client.DeflateNegotiated = head.Contains("permessage-deflate", StringComparison.OrdinalIgnoreCase);
            return client;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends one prebuilt frame.</summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        while (!frame.IsEmpty)
        {
            int sent = await _socket.SendAsync(frame, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            frame = frame.Slice(sent);
        }
    }

    /// <summary>
    /// Reads one whole data message (all its frames) and returns its payload length as received (compressed, if it was).
    /// With <paramref name="keep"/>, the payload is copied there too (for the check of the first echo).
    /// </summary>
    public async ValueTask<long> ReceiveMessageAsync(MemoryStream? keep, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            // Header: 2 bytes, then the extended length (server frames carry no mask).
            await FillAsync(2, cancellationToken).ConfigureAwait(false);
            byte first = _buffer[_start];
            int lengthCode = _buffer[_start + 1] & 0x7F;
            int headerLength = lengthCode switch { 126 => 4, 127 => 10, _ => 2 };
            await FillAsync(headerLength, cancellationToken).ConfigureAwait(false);
            long payloadLength = lengthCode switch
            {
                126 => BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(_start + 2)),
                127 => (long)BinaryPrimitives.ReadUInt64BigEndian(_buffer.AsSpan(_start + 2)),
                _ => lengthCode,
            };
            _start += headerLength;
            var opcode = (WebSocketOpcode)(first & 0x0F);
            if (opcode == WebSocketOpcode.Close)
            {
                throw new InvalidOperationException("The server sent a close frame.");
            }
            bool control = opcode.IsControl();
            if (!control && opcode != WebSocketOpcode.Continuation)
            {
                LastMessageCompressed = (first & 0x40) != 0;
            }
            long remaining = payloadLength;
            while (remaining > 0)
            {
                if (_start == _end)
                {
                    _start = _end = 0;
                    await ReceiveSomeAsync(cancellationToken).ConfigureAwait(false);
                }
                int take = (int)Math.Min(remaining, _end - _start);
                if (!control)
                {
                    keep?.Write(_buffer, _start, take);
                }
                _start += take;
                remaining -= take;
            }
            if (control)
            {
                // A keep-alive ping (skipped: any frame we send proves us alive to the server) or a pong: not part of the echo.
                continue;
            }
            total += payloadLength;
            if ((first & 0x80) != 0)
            {
                return total;
            }
        }
    }

    public void Dispose() => _socket.Dispose();

    private async Task<string> ReadResponseHeadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            int end = _buffer.AsSpan(0, _end).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                _start = end + 4;
                return Encoding.ASCII.GetString(_buffer, 0, end);
            }
            await ReceiveSomeAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Makes at least <paramref name="count"/> unread bytes available from <see cref="_start"/>.</summary>
    private async ValueTask FillAsync(int count, CancellationToken cancellationToken)
    {
        if (_end - _start >= count)
        {
            return;
        }
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        while (_end < count)
        {
            await ReceiveSomeAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask ReceiveSomeAsync(CancellationToken cancellationToken)
    {
        int read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            throw new InvalidOperationException("The server closed the connection.");
        }
        _end += read;
    }
}
