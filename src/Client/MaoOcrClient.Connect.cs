using System.Net;
using System.Net.WebSockets;
using MaoOcr.Client.Internal;

namespace MaoOcr.Client;

public sealed partial class MaoOcrClient
{
    private Connection? _connection;
    private int _generation;
    private CancellationTokenSource? _lifetime;
    private Task? _connecting;
    private Task _running = Task.CompletedTask;

    /// <summary>
    /// Opens the connection (one attempt, at most <see cref="MaoOcrClientOptions.ConnectTimeout"/>). Once connected, a
    /// drop is followed by reconnect attempts with backoff until <see cref="DisconnectAsync"/>. Returns at once when
    /// already connected or reconnecting.
    /// </summary>
    /// <exception cref="MaoOcrConnectionException">The appliance could not be reached, or refused the handshake (the message says which: address, timeout, HTTP status such as 401 for a wrong token).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    public Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_status is ConnectionStatus.Connected or ConnectionStatus.Reconnecting)
            {
                return Task.CompletedTask;
            }
            if (_status == ConnectionStatus.Connecting && _connecting is not null)
            {
                return _connecting;
            }
            // The previous lifetime, if any, was cancelled by DisconnectAsync; its tasks have ended.
            _lifetime = new CancellationTokenSource();
            // Connecting from here on, so a request made right after this call waits instead of failing.
            ConnectionStatus previous = _status;
            _status = ConnectionStatus.Connecting;
            _connecting = FirstConnectAsync(previous, _lifetime.Token, cancellationToken);
            return _connecting;
        }
    }

    private async Task FirstConnectAsync(ConnectionStatus previous, CancellationToken lifetime, CancellationToken cancellationToken)
    {
        // Let ConnectAsync return its task before the status event runs user code.
        await Task.Yield();
        RaiseSafely(StatusChanged, new ConnectionStatusChange(previous, ConnectionStatus.Connecting, null));
        ClientWebSocket socket;
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(lifetime, cancellationToken);
            socket = await OpenAsync(linked.Token).ConfigureAwait(false);
        }
        catch (MaoOcrConnectionException e)
        {
            FailAll(e);
            SetStatus(ConnectionStatus.Error, e);
            throw;
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            throw Throw.Disconnected();
        }
        catch (OperationCanceledException e)
        {
            var reason = new MaoOcrConnectionException("Connecting was cancelled.", e);
            FailAll(reason);
            SetStatus(ConnectionStatus.Disconnected, reason);
            throw;
        }
        Connection? connection = Attach(socket, lifetime);
        if (connection is null)
        {
            throw Throw.Disconnected();
        }
        _running = RunAsync(connection, lifetime);
    }

    /// <summary>Closes the connection (normal closure) and stops reconnecting. Requests still waiting fail with <see cref="MaoOcrConnectionException"/>.</summary>
    public async Task DisconnectAsync()
    {
        Connection? connection;
        CancellationTokenSource? lifetime;
        Task running;
        lock (_gate)
        {
            lifetime = _lifetime;
            _lifetime = null;
            connection = _connection;
            _connection = null;
            running = _running;
        }
        if (lifetime is null)
        {
            return;
        }
        // Outside the lock: cancelling runs the reconnect loop's continuations.
        await lifetime.CancelAsync().ConfigureAwait(false);
        if (connection is not null)
        {
            await CloseQuietlyAsync(connection).ConfigureAwait(false);
        }
        await running.ConfigureAwait(false);
        FailAll(Throw.Disconnected());
        SetStatus(ConnectionStatus.Disconnected, null);
    }

    /// <summary>
    /// Serves one connection after another: on a drop, reconnects with backoff; ends when the app disconnects or the
    /// last attempt fails.
    /// </summary>
    private async Task RunAsync(Connection connection, CancellationToken lifetime)
    {
        while (true)
        {
            Exception drop = await ServeAsync(connection).ConfigureAwait(false);
            lock (_gate)
            {
                if (_connection == connection)
                {
                    _connection = null;
                }
            }
            connection.Dispose();
            if (lifetime.IsCancellationRequested)
            {
                return;
            }
            Connection? next = await ReconnectAsync(drop, lifetime).ConfigureAwait(false);
            if (next is null)
            {
                return;
            }
            connection = next;
        }
    }

    private async Task<Connection?> ReconnectAsync(Exception drop, CancellationToken lifetime)
    {
        Exception last = drop;
        for (int attempt = 1; attempt <= _options.MaxReconnectAttempts; attempt++)
        {
            SetStatus(ConnectionStatus.Reconnecting, last);
            try
            {
                await Task.Delay(ReconnectBackoff.Delay(attempt, _options), _time, lifetime).ConfigureAwait(false);
                ClientWebSocket socket = await OpenAsync(lifetime).ConfigureAwait(false);
                return Attach(socket, lifetime);
            }
            catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
            {
                return null;
            }
            catch (MaoOcrConnectionException e)
            {
                last = e;
            }
        }
        var failure = new MaoOcrConnectionException(
            $"The connection to {Endpoint} was lost ({drop.Message}) and {_options.MaxReconnectAttempts} reconnect attempts failed; the last: {last.Message}", last);
        FailAll(failure);
        SetStatus(ConnectionStatus.Error, failure);
        return null;
    }

    /// <summary>
    /// Makes a fresh socket the current connection, reports Connected, and sends every waiting request that has not
    /// gone out on it (queued while connecting, or unanswered when the previous connection dropped), in order.
    /// </summary>
    /// <returns>Null when the app disconnected meanwhile (the socket is then closed).</returns>
    private Connection? Attach(ClientWebSocket socket, CancellationToken lifetime)
    {
        Connection connection;
        PendingRequest[] resend;
        ConnectionStatus previous;
        lock (_gate)
        {
            if (lifetime.IsCancellationRequested || _disposed)
            {
                socket.Abort();
                socket.Dispose();
                return null;
            }
            connection = new Connection(socket, ++_generation, _time);
            _connection = connection;
            resend = [.. _pending.Values.Where(p => p.SentGeneration != connection.Generation).OrderBy(p => p.Sequence)];
            foreach (PendingRequest request in resend)
            {
                request.SentGeneration = connection.Generation;
            }
            // Connected in the same step as the snapshot: a request made after it sends itself, one made before is in
            // it. Set apart, a request made between the two would wait unsent until the next drop.
            previous = _status;
            _status = ConnectionStatus.Connected;
        }
        RaiseStatusChanged(previous, ConnectionStatus.Connected, null);
        if (resend.Length > 0)
        {
            _ = ResendAsync(resend, connection);
        }
        return connection;
    }

    private static async Task ResendAsync(PendingRequest[] requests, Connection connection)
    {
        foreach (PendingRequest request in requests)
        {
            await SendRequestAsync(request, connection).ConfigureAwait(false);
        }
    }

    /// <summary>One connection attempt, bounded by the connect timeout. Every failure becomes one clear <see cref="MaoOcrConnectionException"/>.</summary>
    private async Task<ClientWebSocket> OpenAsync(CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (_options.UseCompression)
        {
            socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
        }
        if (!string.IsNullOrEmpty(_options.ApiToken))
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + _options.ApiToken);
        }
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await socket.ConnectAsync(Endpoint, linked.Token).ConfigureAwait(false);
            return socket;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new MaoOcrConnectionException($"Could not connect to {Endpoint}: no answer within {_options.ConnectTimeout.TotalSeconds:0.#} s.");
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException or IOException)
        {
            HttpStatusCode status = socket.HttpStatusCode;
            socket.Dispose();
            throw status switch
            {
                HttpStatusCode.Unauthorized => new MaoOcrConnectionException($"The appliance at {Endpoint} refused the connection: 401 Unauthorized (the API token is missing or wrong).", e),
                0 => new MaoOcrConnectionException($"Could not connect to {Endpoint}: {Innermost(e).Message}", e),
                _ => new MaoOcrConnectionException($"The appliance at {Endpoint} refused the WebSocket handshake with HTTP {(int)status} {status}.", e),
            };
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }
        return e;
    }

    /// <summary>Fails every waiting request with <paramref name="reason"/>: each still gets exactly one final event.</summary>
    private void FailAll(Exception reason)
    {
        PendingRequest[] failed;
        lock (_gate)
        {
            failed = [.. _pending.Values.OrderBy(p => p.Sequence)];
            _pending.Clear();
        }
        var error = reason as MaoOcrException ?? new MaoOcrConnectionException(reason.Message, reason);
        foreach (PendingRequest request in failed)
        {
            Publish(request, new OcrFailed(request.Id, error));
        }
    }

    private async Task CloseQuietlyAsync(Connection connection)
    {
        // A short, bounded close handshake; after it (or on any failure) the socket is dropped.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
        try
        {
            await connection.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "client disconnect", timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // Already gone.
        }
        connection.Abort(Throw.Disconnected());
    }
}
