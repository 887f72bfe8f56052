using System.Buffers;
using MaoOcr.Appliance.Core;
using MaoOcr.Appliance.Diagnostics;
using MaoOcr.Appliance.Protocol;
using MaoOcr.Inference.Pipeline;
using MaoOcr.WebSockets;

namespace MaoOcr.Appliance.Sessions;

/// <summary>
/// The MaoOCR protocol (docs/protocol.md) on one WebSocket connection: parses client messages, answers pings, runs
/// requests through <see cref="OcrService"/> (several at once) and sends each one's start, progress and exactly one
/// final message. When the connection ends, requests still in flight are cancelled.
/// </summary>
internal sealed class OcrSession
{
    /// <summary>Requests in flight on one connection; above it, ocr_error busy. 16: the queue's per-connection share.</summary>
    public const int MaxInFlight = 16;

    private const string Transport = "websocket";

    private readonly WebSocketConnection _socket;
    private readonly string _connectionId;
    private readonly OcrService _service;
    private readonly ClientMessageParser _parser;
    private readonly ServerMetrics _metrics;
    private readonly ILogger<OcrSession> _logger;
    private readonly TimeProvider _time = TimeProvider.System;
    private CancellationToken _ended;
    private readonly Dictionary<int, Task> _inFlight = [];
    private readonly Lock _gate = new();
    private bool _goingAway;
    private int _messageCounter;
    private int _requestCounter;

    public OcrSession(WebSocketConnection socket, string connectionId, OcrService service, ClientMessageParser parser, ServerMetrics metrics, ILogger<OcrSession> logger)
    {
        _socket = socket;
        _connectionId = connectionId;
        _service = service;
        _parser = parser;
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
        using CancellationTokenRegistration onStopping = stopping.Register(static s => _ = ((OcrSession)s!).GoAwayAsync(), this);
        try
        {
            while (await _socket.ReceiveAsync(_ended).ConfigureAwait(false) is WebSocketMessage message)
            {
                if (!await HandleAsync(message).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The transport went away.
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            _logger.LogDebug(e, "WebSocket connection {ConnectionId} ended", _connectionId);
        }
        finally
        {
            await ended.CancelAsync().ConfigureAwait(false);
            Task[] pending;
            lock (_gate)
            {
                pending = [.. _inFlight.Values];
            }
            // Each one ends with its final message (or fails to send it): the scheduler abandons cancelled work unrun.
            await Task.WhenAll(pending).ConfigureAwait(false);
            _metrics.ConnectionClosed();
        }
    }

    /// <summary>
    /// Graceful shutdown of this connection: new requests are refused with busy, the ones in flight finish and send their
    /// final message (Kestrel's shutdown timeout bounds the wait), and only then the close frame (1001) goes out, since
    /// nothing may be sent after it.
    /// </summary>
    private async Task GoAwayAsync()
    {
        Task[] pending;
        lock (_gate)
        {
            _goingAway = true;
            pending = [.. _inFlight.Values];
        }
        // RunRequestAsync catches everything, so these only ever complete.
        await Task.WhenAll(pending).ConfigureAwait(false);
        try
        {
            await _socket.CloseAsync(CloseStatusCodes.GoingAway, "The appliance is shutting down.", CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // Already closed.
        }
    }

    /// <returns>False when the connection can no longer be written to.</returns>
    private async Task<bool> HandleAsync(WebSocketMessage message)
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
            return await SendAsync(w => ServerMessageWriter.WriteError(w, NextId(), error.RequestId, error.Code, error.Message, null, _time.GetUtcNow())).ConfigureAwait(false);
        }
        if (parsed.Kind == ClientMessageKind.Ping)
        {
            string id = parsed.Id;
            parsed.Dispose();
            return await SendAsync(w => ServerMessageWriter.WritePong(w, id, _time.GetUtcNow())).ConfigureAwait(false);
        }

        string? refusal;
        lock (_gate)
        {
            refusal = _goingAway ? "The appliance is shutting down."
                : _inFlight.Count >= MaxInFlight ? $"This connection already has {MaxInFlight} requests in flight."
                : null;
            if (refusal is null)
            {
                int key = ++_requestCounter;
                ClientMessage request = parsed;
                // Added under the lock, so the task's own removal (also under it) always comes after.
                _inFlight[key] = Task.Run(() => RunRequestAsync(request, key));
            }
        }
        if (refusal is not null)
        {
            string id = parsed.Id;
            parsed.Dispose();
            _metrics.Refused(ErrorCode.Busy);
            return await SendAsync(w => ServerMessageWriter.WriteError(w, NextId(), id, ErrorCode.Busy, refusal, OcrService.BusyRetryAfterMs, _time.GetUtcNow())).ConfigureAwait(false);
        }
        return true;
    }

    private async Task RunRequestAsync(ClientMessage request, int key)
    {
        var answers = new RequestAnswers(this, request.Id);
        try
        {
            OcrOutcome outcome = await _service.RunAsync(
                _connectionId,
                request.Images,
                request.Requirements,
                Transport,
                onQueued: answers.Queued,
                progress: answers.Progress,
                cancellationToken: _ended).ConfigureAwait(false);
            await answers.FinishAsync(outcome, request.IsBatch).ConfigureAwait(false);
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

    private string NextId() => "s-" + Interlocked.Increment(ref _messageCounter).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Serializes one message into a pooled buffer and sends it as text.</summary>
    /// <returns>False when the connection is closed.</returns>
    private async Task<bool> SendAsync(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            write(buffer);
            await _socket.SendAsync(WebSocketOpcode.Text, buffer.WrittenMemory, _ended).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>One request's messages, sent in order: ocr_start, ocr_progress (each stage and percent once), the final one.</summary>
    private sealed class RequestAnswers(OcrSession session, string requestId)
    {
        private readonly Lock _gate = new();
        private Task _tail = Task.CompletedTask;
        private int _started;
        private PipelineStage _stage;
        private int _percent = -1;

        public void Queued(int position)
        {
            if (Interlocked.Exchange(ref _started, 1) == 0)
            {
                Enqueue(w => ServerMessageWriter.WriteStart(w, session.NextId(), requestId, position, session._time.GetUtcNow()));
            }
        }

        public void Progress(StageProgress progress)
        {
            // The engine may report before onQueued has run; ocr_start still goes first.
            Queued(0);
            lock (_gate)
            {
                bool later = progress.Stage > _stage || (progress.Stage == _stage && progress.Percent > _percent);
                if (!later)
                {
                    return;
                }
                _stage = progress.Stage;
                _percent = progress.Percent;
            }
            Enqueue(w => ServerMessageWriter.WriteProgress(w, session.NextId(), requestId, progress.Stage, progress.Percent, session._time.GetUtcNow()));
        }

        public async Task FinishAsync(OcrOutcome outcome, bool batch)
        {
            if (outcome.Results is { Count: > 0 } results)
            {
                Enqueue(w => ServerMessageWriter.WriteComplete(w, session.NextId(), requestId, results, batch, outcome.Cached, session._time.GetUtcNow()));
            }
            else
            {
                ErrorCode code = outcome.Error ?? ErrorCode.Internal;
                string message = outcome.Message ?? "The request failed.";
                Enqueue(w => ServerMessageWriter.WriteError(w, session.NextId(), requestId, code, message, outcome.RetryAfterMs, session._time.GetUtcNow()));
            }
            Task tail;
            lock (_gate)
            {
                tail = _tail;
            }
            await tail.ConfigureAwait(false);
        }

        private void Enqueue(Action<IBufferWriter<byte>> write)
        {
            lock (_gate)
            {
                _tail = _tail.ContinueWith(_ => session.SendAsync(write), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
            }
        }
    }
}
