using System.Buffers;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace MaoOcr.Benchmarks.EndToEnd.Soak;

/// <summary>
/// One soak connection: sends messages, and in its receive loop checks every server message against what was sent on
/// this connection: exactly one final answer per id, nothing for ids never sent, nothing after a final, and the answer
/// each message deserves. It owns its TCP socket (through the handler's connect callback) so that it can vanish as a
/// phone does: a reset, or a FIN with no close frame.
/// </summary>
internal sealed class SoakConnection : IAsyncDisposable
{
    /// <summary>How long a close handshake may take before the socket is just dropped.</summary>
    private static readonly TimeSpan s_closeTimeout = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket = new();
    private readonly HttpMessageInvoker _invoker;
    private readonly SoakLedger _ledger;
    private readonly ConnectionGauge _gauge;
    private readonly string _name;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SoakPending> _byId = new(StringComparer.Ordinal);
    private readonly Queue<SoakPending> _anonymous = new();
    private Socket? _tcp;
    private Task _receiving = Task.CompletedTask;
    private volatile ConnectionEnd _end;

    private SoakConnection(string name, SoakLedger ledger, ConnectionGauge gauge)
    {
        _name = name;
        _ledger = ledger;
        _gauge = gauge;
        _invoker = new HttpMessageInvoker(new SocketsHttpHandler { ConnectCallback = ConnectTcpAsync });
        _socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
    }

    /// <summary>Why the connection ends; decides whether what is unanswered was owed.</summary>
    private enum ConnectionEnd
    {
        None,

        /// <summary>The client sent a close frame (a cancel, or the end of the run).</summary>
        Closing,

        /// <summary>The client dropped the socket without a close frame.</summary>
        Dropped,
    }

    /// <returns>The open connection; null when it could not be opened (counted as <see cref="SoakCases.ConnectFailed"/>).</returns>
    public static async Task<SoakConnection?> OpenAsync(string name, LoadOptions options, SoakLedger ledger, ConnectionGauge gauge, CancellationToken cancellationToken)
    {
        var connection = new SoakConnection(name, ledger, gauge);
        if (options.Token is { Length: > 0 } token)
        {
            connection._socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            await connection._socket.ConnectAsync(options.Url, connection._invoker, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or HttpRequestException)
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                ledger.Fail(SoakCases.ConnectFailed, $"{name}: {e.Message}");
            }
            await connection.DisposeAsync().ConfigureAwait(false);
            return null;
        }
        ledger.Connected();
        gauge.Opened();
        connection._receiving = Task.Run(connection.ReceiveLoopAsync, CancellationToken.None);
        return connection;
    }

    /// <summary>Sends <paramref name="message"/> after registering what it is owed (its answer may come before the send returns).</summary>
    /// <returns>Its entry; null when the connection broke under the send (already counted).</returns>
    public async Task<SoakPending?> SendAsync(SoakMessage message)
    {
        var pending = new SoakPending(message);
        lock (_gate)
        {
            if (message.Anonymous)
            {
                _anonymous.Enqueue(pending);
            }
            else
            {
                _byId.Add(message.Id, pending);
            }
        }
        _ledger.Sent(message.Expectation);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await _socket.SendAsync(message.Payload, message.Type, true, timeout.Token).ConfigureAwait(false);
            return pending;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The receive loop sees the same break and counts it.
            return null;
        }
    }

    /// <summary>Waits for the final answers of <paramref name="sent"/>; each one missing after <paramref name="timeout"/> is a <see cref="SoakCases.NoAnswer"/>.</summary>
    /// <returns>False when an answer is missing or the connection ended: the caller drops this connection.</returns>
    public async Task<bool> WaitAsync(IReadOnlyList<SoakPending> sent, TimeSpan timeout)
    {
        try
        {
            bool[] answered = await Task.WhenAll(sent.Select(p => p.Done.Task)).WaitAsync(timeout).ConfigureAwait(false);
            return answered.All(a => a);
        }
        catch (TimeoutException)
        {
            foreach (SoakPending pending in sent.Where(p => !p.Done.Task.IsCompleted))
            {
                pending.GivenUp = true;
                _ledger.Fail(SoakCases.NoAnswer, $"{_name}: {Describe(pending.Message)} unanswered after {timeout.TotalSeconds:0} s on an open connection");
            }
            return false;
        }
    }

    /// <summary>Closes with a close frame, as a client that cancels does; what is unanswered is no longer owed.</summary>
    public async Task CloseAsync()
    {
        _end = ConnectionEnd.Closing;
        try
        {
            using var timeout = new CancellationTokenSource(s_closeTimeout);
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "soak", timeout.Token).ConfigureAwait(false);
            // The server answers with its own close frame, which ends the receive loop.
            await _receiving.WaitAsync(s_closeTimeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or TimeoutException or IOException or ObjectDisposedException)
        {
            _socket.Abort();
        }
        await DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Drops the TCP connection with no close frame: a reset (linger 0) or a FIN, as a phone that loses signal or is killed.</summary>
    public async Task VanishAsync(bool reset)
    {
        _end = ConnectionEnd.Dropped;
        Socket? tcp = _tcp;
        if (tcp is not null)
        {
            try
            {
                if (reset)
                {
                    tcp.LingerState = new LingerOption(true, 0);
                }
                else
                {
                    tcp.Shutdown(SocketShutdown.Both);
                }
                tcp.Close();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Already gone: so much the better.
            }
        }
        _socket.Abort();
        await DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _receiving.ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Counted by the loop.
        }
        _socket.Dispose();
        _invoker.Dispose();
        _tcp?.Dispose();
    }

    private async ValueTask<Stream> ConnectTcpAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        _tcp = socket;
        return new NetworkStream(socket, ownsSocket: true);
    }

    private async Task ReceiveLoopAsync()
    {
        var message = new ArrayBufferWriter<byte>(4096);
        byte[] buffer = new byte[16 * 1024];
        string? lost = null;
        try
        {
            while (true)
            {
                ValueWebSocketReceiveResult result = await _socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    lost = $"the server closed the connection ({_socket.CloseStatus} {_socket.CloseStatusDescription})";
                    break;
                }
                message.Write(buffer.AsSpan(0, result.Count));
                if (result.EndOfMessage)
                {
                    Dispatch(message.WrittenSpan);
                    message.ResetWrittenCount();
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            lost = $"the connection broke ({e.GetType().Name}: {e.Message})";
        }
        finally
        {
            Ended(lost);
        }
    }

    /// <summary>The connection is over: whatever is unanswered was owed unless the client closed or dropped it.</summary>
    private void Ended(string? why)
    {
        _gauge.Closed();
        List<SoakPending> unanswered;
        lock (_gate)
        {
            unanswered = [.. _byId.Values.Where(p => p.Final is null && !p.GivenUp), .. _anonymous.Where(p => !p.GivenUp)];
            _anonymous.Clear();
        }
        if (_end == ConnectionEnd.None)
        {
            _ledger.Fail(SoakCases.ConnectionLost, $"{_name}: {why}, with {unanswered.Count} message(s) unanswered");
        }
        else
        {
            _ledger.Abandoned(unanswered.Count);
        }
        foreach (SoakPending pending in unanswered)
        {
            pending.Done.TrySetResult(false);
        }
    }

    private void Dispatch(ReadOnlySpan<byte> json)
    {
        if (!ServerAnswer.TryParse(json, out ServerAnswer answer) || answer.Type is null)
        {
            _ledger.Fail(SoakCases.UnreadableMessage, $"{_name}: {Excerpt(json)}");
            return;
        }
        switch (answer.Type)
        {
            case "pong":
                Final(answer.Id, answer);
                break;
            case "ocr_start" or "ocr_progress":
                lock (_gate)
                {
                    if (answer.RequestId is null || !_byId.TryGetValue(answer.RequestId, out SoakPending? pending))
                    {
                        _ledger.Fail(SoakCases.UnknownId, $"{_name}: {answer.Type} for '{answer.RequestId}', never sent here");
                    }
                    else if (pending.Final is not null)
                    {
                        _ledger.Fail(SoakCases.MessageAfterFinal, $"{_name}: {answer.Type} for {Describe(pending.Message)} after its {pending.Final.Value.Type}");
                    }
                }
                break;
            case "ocr_complete" or "ocr_error":
                Final(answer.RequestId, answer);
                break;
            default:
                _ledger.Fail(SoakCases.UnreadableMessage, $"{_name}: unknown type: {Excerpt(json)}");
                break;
        }
    }

    private void Final(string? id, ServerAnswer answer)
    {
        SoakPending? pending;
        lock (_gate)
        {
            if (id is null)
            {
                // An id-less refusal answers the oldest id-less message (the client sends one at a time).
                if (answer.Type != "ocr_error" || !_anonymous.TryDequeue(out pending))
                {
                    _ledger.Fail(SoakCases.UnknownId, $"{_name}: {answer.Type} without an id ({answer.Code}: {answer.Message}), none owed");
                    return;
                }
            }
            else if (!_byId.TryGetValue(id, out pending) || pending.Message.Expectation.IsPing != (answer.Type == "pong"))
            {
                _ledger.Fail(SoakCases.UnknownId, $"{_name}: {answer.Type} for '{id}', never sent here as such");
                return;
            }
            if (pending.Final is ServerAnswer first)
            {
                _ledger.Fail(SoakCases.AnsweredTwice, $"{_name}: {Describe(pending.Message)} answered {first.Type} {first.Code} and again {answer.Type} {answer.Code}");
                return;
            }
            pending.Final = answer;
        }
        Judge(pending.Message, answer);
        pending.Done.TrySetResult(true);
    }

    /// <summary>Whether the answer is the one the message deserves.</summary>
    private void Judge(SoakMessage message, ServerAnswer answer)
    {
        SoakExpectation expected = message.Expectation;
        string outcome = answer.Type == "ocr_error" ? "ocr_error " + answer.Code : answer.Type!;
        _ledger.Answered(expected, outcome);
        if (expected.IsPing)
        {
            return;
        }
        if (answer.Type == "ocr_error" && SoakCases.IsLoadRefusal(answer.Code) && (expected.IsGood || expected.Queued))
        {
            _ledger.LoadRefusal(answer.Code!);
            return;
        }
        if (expected.IsGood)
        {
            if (answer.Type != "ocr_complete")
            {
                _ledger.Fail(SoakCases.UndeservedError, $"{_name}: {Describe(message)} got {answer.Code}: {answer.Message}");
            }
            else if (expected.Images > 1 && answer.Results != expected.Images)
            {
                _ledger.Fail(SoakCases.WrongResultCount, $"{_name}: {Describe(message)} of {expected.Images} images got {answer.Results?.ToString() ?? "no"} results");
            }
            return;
        }
        if (answer.Type != "ocr_error" || answer.Code != expected.ExpectedCode)
        {
            _ledger.Fail(SoakCases.WrongError, $"{_name}: {Describe(message)} expected {expected.ExpectedCode}, got {outcome}: {answer.Message}");
        }
    }

    private static string Describe(SoakMessage message) =>
        $"{message.Expectation.Case} '{(message.Anonymous ? "(no id)" : message.Id)}' ({message.Type}, {message.Payload.Length} bytes)";

    private static string Excerpt(ReadOnlySpan<byte> json) => Encoding.UTF8.GetString(json[..Math.Min(json.Length, 200)]);
}
