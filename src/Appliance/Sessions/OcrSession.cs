using System.Buffers;
using MaoOcr.Appliance.Core;
using MaoOcr.Appliance.Diagnostics;
using MaoOcr.Appliance.Protocol;
using MaoOcr.WebSockets;

namespace MaoOcr.Appliance.Sessions;

/// <summary>
/// The MaoOCR protocol (docs/protocol.md) on one WebSocket connection: parses client messages, answers pings, runs
/// requests through <see cref="OcrService"/> (several at once) and sends each one's start, progress and exactly one
/// final message through the session's one <see cref="SessionWriter"/>. When the connection ends, requests still in
/// flight are cancelled.
/// </summary>
internal sealed class OcrSession
{
    private const string Transport = "websocket";

    private readonly WebSocketConnection _socket;
    private readonly string _connectionId;
    private readonly OcrService _service;
    private readonly ClientMessageParser _parser;
    private readonly ServerMetrics _metrics;
    private readonly ILogger<OcrSession> _logger;
    private readonly int _maxInFlight;
    private readonly Dictionary<int, Task?> _inFlight = [];
    private readonly Lock _gate = new();
    private SessionWriter _writer = null!;
    private CancellationToken _ended;
    private bool _goingAway;
    private int _requestCounter;

    /// <param name="maxInFlight">Requests one connection may have unanswered; above it, <c>busy</c> (the queue's per-connection share).</param>
    public OcrSession(WebSocketConnection socket, string connectionId, OcrService service, ClientMessageParser parser, int maxInFlight, ServerMetrics metrics, ILogger<OcrSession> logger)
    {
        _socket = socket;
        _connectionId = connectionId;
        _service = service;
        _parser = parser;
        _maxInFlight = maxInFlight;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Runs until the connection closes; then cancels what is in flight and waits for it.</summary>
    /// <param name="connectionClosed">The transport went away.</param>
    /// <param name="stopping">The appliance is shutting down: the connection is closed with 1001.</param>
    public async Task RunAsync(CancellationToken connectionClosed, CancellationToken stopping)
    {
        _metrics.ConnectionOpened();
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(connectionClosed);
        _ended = ended.Token;
        _writer = new SessionWriter(_socket, TimeProvider.System, _ended);
        using CancellationTokenRegistration onStopping = stopping.Register(static s => _ = ((OcrSession)s!).GoAwayAsync(), this);
        try
        {
            while (await _socket.ReceiveAsync(_ended).ConfigureAwait(false) is WebSocketMessage message)
            {
                Handle(message);
            }
        }
        catch (OperationCanceledException) when (_ended.IsCancellationRequested)
        {
            // The transport went away.
        }
        catch (WebSocketClosedException e)
        {
            // The transport failed under the receive.
            _logger.LogDebug(e, "WebSocket connection {ConnectionId} ended", _connectionId);
        }
        finally
        {
            await ended.CancelAsync().ConfigureAwait(false);
            // Each one ends with its final message queued (the scheduler abandons cancelled work unrun); the writer drops
            // what it can no longer send.
            await Task.WhenAll(InFlight()).ConfigureAwait(false);
            await _writer.CompleteAsync().ConfigureAwait(false);
            _metrics.ConnectionClosed();
        }
    }

    /// <summary>
    /// Graceful shutdown of this connection: new requests are refused with busy and <c>resend</c> (the client sends them
    /// again on its next connection), the ones in flight finish and send their
    /// final message (Kestrel's shutdown timeout bounds the wait), and only then the close frame (1001) goes out, since
    /// nothing may be sent after it.
    /// </summary>
    private async Task GoAwayAsync()
    {
        lock (_gate)
        {
            _goingAway = true;
        }
        // RunRequestAsync catches everything, so these only ever complete.
        await Task.WhenAll(InFlight()).ConfigureAwait(false);
        await _writer.CompleteAsync().ConfigureAwait(false);
        // Does nothing on a connection that is already closed or aborted.
        await _socket.CloseAsync(CloseStatusCodes.GoingAway, "The appliance is shutting down.", CancellationToken.None).ConfigureAwait(false);
    }

    private Task[] InFlight()
    {
        lock (_gate)
        {
            return [.. _inFlight.Values.OfType<Task>()];
        }
    }

    private void Handle(WebSocketMessage message)
    {
        var payload = new ReadOnlySequence<byte>(message.Payload);
        ClientMessage? parsed;
        ProtocolError error;
        bool ok = message.Opcode == WebSocketOpcode.Text
            ? _parser.TryParseText(payload, out parsed, out error)
            : _parser.TryParseBinary(payload, out parsed, out error);
        if (!ok || parsed is null)
        {
            _metrics.Refused(error.Code);
            _writer.Enqueue(OutboundMessage.Error(error.RequestId, error.Code, error.Message));
            return;
        }
        if (parsed.Kind == ClientMessageKind.Ping)
        {
            _writer.Enqueue(OutboundMessage.Pong(parsed.Id));
            parsed.Dispose();
            return;
        }

        string? refusal = null;
        bool resend = false;
        int key = 0;
        lock (_gate)
        {
            if (_goingAway)
            {
                // Not the client's fault and not worth waiting for: it sends this again on its next connection.
                refusal = "The appliance is shutting down.";
                resend = true;
            }
            else if (_inFlight.Count >= _maxInFlight)
            {
                refusal = $"This connection already has {_maxInFlight} requests in flight.";
            }
            else
            {
                // Reserved before the request starts: one that finishes at once (a cache hit) removes its own key.
                key = ++_requestCounter;
                _inFlight[key] = null;
            }
        }
        if (refusal is not null)
        {
            _metrics.Refused(ErrorCode.Busy);
            _writer.Enqueue(OutboundMessage.Error(parsed.Id, ErrorCode.Busy, refusal, OcrService.BusyRetryAfterMs, resend));
            parsed.Dispose();
            return;
        }
        Task running = RunRequestAsync(parsed, key);
        lock (_gate)
        {
            if (_inFlight.ContainsKey(key))
            {
                _inFlight[key] = running;
            }
        }
    }

    private async Task RunRequestAsync(ClientMessage request, int key)
    {
        var answers = new RequestAnswers(_writer, request.Id);
        try
        {
            var core = new OcrRequest(_connectionId, request.Images, request.Requirements.ToOptions(), Transport)
            {
                ForceOcr = request.Requirements.ForceOcr,
                SearchablePdf = request.SearchablePdf,
            };
            OcrOutcome outcome = await _service.RunAsync(core, answers, _ended).ConfigureAwait(false);
            answers.Finish(outcome, request.IsBatch);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "WebSocket request {RequestId} failed", request.Id);
        }
        finally
        {
            request.Dispose();
            lock (_gate)
            {
                _inFlight.Remove(key);
            }
        }
    }
}
