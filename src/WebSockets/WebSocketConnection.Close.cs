using MaoOcr.WebSockets.Framing;

namespace MaoOcr.WebSockets;

public sealed partial class WebSocketConnection
{
    // Set when the peer's close frame arrives or the transport ends: what CloseAsync waits for while a receive loop runs.
    private readonly TaskCompletionSource _peerClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _aborted;

    // Set while CloseAsync reads until the peer's close itself: an application receive loop that calls ReceiveAsync
    // again meanwhile (it was between two receives when the close began) waits for the end and gets null.
    private volatile bool _closeDraining;

    /// <summary>
    /// Starts the close handshake (RFC 6455 §7.1.2): sends a close frame, waits up to <see cref="WebSocketLimits.CloseTimeout"/>
    /// for the peer's, then completes the transport. Safe to call while another task runs the receive loop: that loop
    /// still returns the data messages that arrive before the peer's close (their replies fail with
    /// <see cref="WebSocketClosedException"/>), then null. Without a receive loop, this call reads and discards them.
    /// </summary>
    /// <param name="status">A status allowed on the wire: 1000–1003, 1007–1014 or 3000–4999.</param>
    /// <param name="reason">Why, for logs; cut to 123 UTF-8 bytes.</param>
    /// <param name="cancellationToken">Stops waiting for the peer; the transport is completed all the same.</param>
    /// <exception cref="ArgumentException"><paramref name="status"/> may not be sent.</exception>
    public async ValueTask CloseAsync(ushort status, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        byte[] payload = new byte[WebSocketConstants.MaxControlPayloadLength];
        int length = ClosePayloadWriter.Write(payload, status, reason);

        using var timeout = new CancellationTokenSource(_limits.CloseTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            // The timeout covers our close frame too: it may wait behind a data frame that the peer does not read.
            await SendCloseFrameAsync(payload.AsMemory(0, length), linked.Token).ConfigureAwait(false);
            // Set before the receive is taken, so that an application ReceiveAsync arriving just after waits for the
            // drain instead of failing as a concurrent receive.
            _closeDraining = true;
            if (Interlocked.CompareExchange(ref _receiving, 1, 0) == 0)
            {
                // No receive loop is inside a receive: read until the peer's close ourselves.
                try
                {
                    while (await ReceiveCoreAsync(linked.Token).ConfigureAwait(false) is not null)
                    {
                    }
                }
                finally
                {
                    await CompleteInputAsync().ConfigureAwait(false);
                    // However the drain ended (a failure in it included), the receives waiting for it are released.
                    _peerClosed.TrySetResult();
                    Volatile.Write(ref _receiving, 0);
                }
            }
            else
            {
                // The application's receive loop reads the rest; a second receive beside it is still refused.
                _closeDraining = false;
                await _peerClosed.Task.WaitAsync(linked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // The peer did not take our close frame or answer it in time: drop the connection (§7.1.1 lets the server close the TCP connection first).
            Abort(CloseStatusCodes.AbnormalClosure, "The peer did not answer the close frame in time.");
        }
        SetCloseStatus(status, reason);
        await CompleteOutputAsync().ConfigureAwait(false);
    }

    /// <summary>Fails the connection (§7.1.7): sends a close frame with <paramref name="status"/>, then drops the transport.</summary>
    private async ValueTask FailAsync(ushort status, string reason)
    {
        SetCloseStatus(status, reason);
        byte[] payload = new byte[WebSocketConstants.MaxControlPayloadLength];
        int length = ClosePayloadWriter.Write(payload, status, reason);
        await SendCloseFrameAsync(payload.AsMemory(0, length)).ConfigureAwait(false);
        _peerClosed.TrySetResult();
        await CompleteInputAsync().ConfigureAwait(false);
        await CompleteOutputAsync().ConfigureAwait(false);
    }

    private async ValueTask SendCloseFrameAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        StopKeepAlive();
        try
        {
            await SendControlFrameAsync(WebSocketOpcode.Close, payload, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The transport is already gone: there is no one left to tell.
        }
    }

    /// <summary>
    /// Drops the connection without a handshake: the receive loop returns null at its next read and a flush held by
    /// back-pressure is released. Thread-safe; the first status wins.
    /// </summary>
    private void Abort(ushort status, string reason)
    {
        SetCloseStatus(status, reason);
        _aborted = true;
        StopKeepAlive();
        _input.CancelPendingRead();
        _output.CancelPendingFlush();
        _peerClosed.TrySetResult();
    }

    private void SetCloseStatus(ushort status, string? reason)
    {
        lock (_peerClosed)
        {
            if (CloseStatus is null)
            {
                CloseStatus = status;
                CloseReason = reason;
            }
        }
    }
}
