using System.Buffers;
using System.IO.Pipelines;
using MaoOcr.EdgeServer.Protocol;
using MaoOcr.EdgeServer.WebSockets;
using MaoOcr.EdgeServer.WebSockets.Compression;
using MaoOcr.EdgeServer.WebSockets.Handshake;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace MaoOcr.EdgeServer.Hosting;

/// <summary>
/// The fast path of docs/design/websocket-layer.md: a Kestrel connection middleware that reads the first request head
/// from the transport. A WebSocket handshake for <see cref="HandshakeOptions.Path"/> is answered here (101 or refusal)
/// and the connection runs an <see cref="OcrSession"/> on the transport's own pipes; anything else is handed to
/// Kestrel's HTTP with nothing consumed.
/// </summary>
internal sealed class WebSocketConnectionMiddleware
{
    // How long a fresh connection may take to send its first request head before it is dropped: Kestrel's
    // RequestHeadersTimeout default, which does not cover the bytes we read before HTTP sees the connection.
    private static readonly TimeSpan s_headTimeout = TimeSpan.FromSeconds(30);

    private readonly ConnectionDelegate _next;
    private readonly IServiceProvider _services;
    private readonly HandshakeOptions _handshake;
    private readonly RequestHeadLimits _headLimits = new();
    private readonly WebSocketLimits _limits;

    public WebSocketConnectionMiddleware(ConnectionDelegate next, IServiceProvider services, HandshakeOptions handshake)
    {
        _next = next;
        _services = services;
        _handshake = handshake;
        ProtocolLimits protocol = services.GetRequiredService<IOptions<ProtocolLimits>>().Value;
        // One message carries one base64 image plus its envelope (docs/design/websocket-layer.md, "Limits must agree").
        _limits = new WebSocketLimits { MaxMessageBytes = ((long)protocol.MaxImageBytes * 4 / 3) + protocol.MaxEnvelopeBytes + 4 };
    }

    /// <summary>Builds the handshake options from the "Server" settings: the API token, the allowed origins, <c>/ws/ocr</c>.</summary>
    public static HandshakeOptions OptionsFrom(ServerSettings server)
    {
        var options = new HandshakeOptions { Path = HandshakeOptions.DefaultPath, ApiToken = server.ApiToken, Deflate = new DeflateOptions() };
        foreach (string origin in server.AllowedOrigins)
        {
            options.AllowedOrigins.Add(origin);
        }
        return options;
    }

    public async Task OnConnectionAsync(ConnectionContext connection)
    {
        PipeReader input = connection.Transport.Input;
        RequestHead? head;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed))
        {
            timeout.CancelAfter(s_headTimeout);
            while (true)
            {
                ReadResult read;
                try
                {
                    read = await input.ReadAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                ReadOnlySequence<byte> buffer = read.Buffer;
                RequestHeadParseStatus status = RequestHeadParser.TryParse(buffer, _headLimits, out SequencePosition consumed, out head, out _);
                if (status == RequestHeadParseStatus.Complete)
                {
                    HandshakeResult result = WebSocketHandshake.Evaluate(head!, _handshake);
                    if (result.Outcome == HandshakeOutcome.NotWebSocketForUs)
                    {
                        input.AdvanceTo(buffer.Start);
                        break;
                    }
                    input.AdvanceTo(consumed);
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
        var socket = new WebSocketConnection(connection.Transport, _limits, deflate, _handshake.Deflate);
        await using (socket.ConfigureAwait(false))
        {
            var session = new OcrSession(
                socket,
                connection.ConnectionId,
                _services.GetRequiredService<OcrService>(),
                new ClientMessageParser(_services.GetRequiredService<IOptions<ProtocolLimits>>().Value),
                _services.GetRequiredService<ServerMetrics>(),
                _services.GetRequiredService<ILogger<OcrSession>>());
            IHostApplicationLifetime lifetime = _services.GetRequiredService<IHostApplicationLifetime>();
            await session.RunAsync(connection.ConnectionClosed, lifetime.ApplicationStopping).ConfigureAwait(false);
        }
    }
}
