using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using MaoOcr.WebSockets.Compression;
using MaoOcr.WebSockets.Handshake;
using Microsoft.AspNetCore.Connections;

namespace MaoOcr.WebSockets.Kestrel;

/// <summary>
/// The fast path of docs/design/websocket-layer.md: a Kestrel connection middleware that reads the first request head
/// from the transport. A WebSocket handshake for <see cref="HandshakeOptions.Path"/> is answered here (101 or refusal)
/// and the connection runs the <see cref="WebSocketHandler"/> on the transport's own pipes; anything else is handed to
/// Kestrel's HTTP with nothing consumed.
/// </summary>
internal sealed class WebSocketConnectionMiddleware
{
    private readonly ConnectionDelegate _next;
    private readonly HandshakeOptions _handshake;
    private readonly RequestHeadLimits _headLimits = new();
    private readonly WebSocketLimits _limits;
    private readonly WebSocketHandler _handler;

    public WebSocketConnectionMiddleware(ConnectionDelegate next, HandshakeOptions handshake, WebSocketLimits limits, WebSocketHandler handler)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(handshake);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(handler);
        _next = next;
        _handshake = handshake;
        _limits = limits;
        _handler = handler;
    }

    public async Task OnConnectionAsync(ConnectionContext connection)
    {
        PipeReader input = connection.Transport.Input;
        RequestHead? head;
        long received = 0;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed))
        {
            timeout.CancelAfter(_handshake.HeadTimeout);
            while (true)
            {
                ReadResult read;
                try
                {
                    read = await input.ReadAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    if (received > 0 && !connection.ConnectionClosed.IsCancellationRequested)
                    {
                        // Part of a head, then nothing: say why the connection ends, as Kestrel's 408 does, but with a reason.
                        await TimedOutAsync(connection).ConfigureAwait(false);
                    }
                    return;
                }
                ReadOnlySequence<byte> buffer = read.Buffer;
                received = buffer.Length;
                RequestHeadParseStatus status = RequestHeadParser.TryParse(buffer, _headLimits, out SequencePosition consumed, out head, out _);
                if (status == RequestHeadParseStatus.Complete)
                {
                    IPAddress? peer = (connection.RemoteEndPoint as IPEndPoint)?.Address;
                    HandshakeResult result = WebSocketHandshake.Evaluate(head!, _handshake, peer);
                    if (result.Outcome == HandshakeOutcome.PassToHttp)
                    {
                        input.AdvanceTo(buffer.Start);
                        break;
                    }
                    input.AdvanceTo(consumed);
                    if (result.Outcome == HandshakeOutcome.Accept && ForwardedRequest.From(head!, peer, _handshake).Client is { } client)
                    {
                        // The handler (its logs, any per-client limit) sees the browser's address, not the balancer's.
                        connection.RemoteEndPoint = new IPEndPoint(client, 0);
                    }
                    await AnswerAsync(connection, result).ConfigureAwait(false);
                    return;
                }
                if (status == RequestHeadParseStatus.Invalid || read.IsCompleted || read.IsCanceled || buffer.Length > _headLimits.MaxHeadBytes)
                {
                    // Not ours to judge: Kestrel's HTTP answers malformed requests itself.
                    input.AdvanceTo(buffer.Start);
                    break;
                }
                input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        // Nothing was consumed, so HTTP parses the same bytes.
        await _next(connection).ConfigureAwait(false);
    }

    // RFC 9110 §15.5.9.
    private static class StatusCodes
    {
        public const int RequestTimeout = 408;
    }

    private async Task TimedOutAsync(ConnectionContext connection)
    {
        PipeWriter output = connection.Transport.Output;
        HandshakeResponseWriter.WriteRefusal(output, StatusCodes.RequestTimeout,
            $"The request head did not arrive within {_handshake.HeadTimeout.TotalSeconds:0.###} s.", []);
        try
        {
            await output.FlushAsync(connection.ConnectionClosed).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Gone meanwhile: nobody to tell.
        }
        await output.CompleteAsync().ConfigureAwait(false);
        await connection.Transport.Input.CompleteAsync().ConfigureAwait(false);
    }

    private async Task AnswerAsync(ConnectionContext connection, HandshakeResult result)
    {
        PipeWriter output = connection.Transport.Output;
        HandshakeResponseWriter.Write(output, result);
        await output.FlushAsync(connection.ConnectionClosed).ConfigureAwait(false);
        if (result.Outcome != HandshakeOutcome.Accept)
        {
            await output.CompleteAsync().ConfigureAwait(false);
            await connection.Transport.Input.CompleteAsync().ConfigureAwait(false);
            return;
        }

        DeflateParameters? deflate = result.Deflate.IsAccepted ? result.Deflate.Parameters : null;
        var socket = WebSocketConnection.CreateServer(connection.Transport, _limits, deflate, _handshake.Deflate);
        await using (socket.ConfigureAwait(false))
        {
            await _handler(socket, connection).ConfigureAwait(false);
        }
    }
}
