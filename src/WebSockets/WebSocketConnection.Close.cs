using System.IO.Pipelines;
using MaoOcr.WebSockets.Framing;

namespace MaoOcr.WebSockets;

public sealed partial class WebSocketConnection
{
    // Set when the receive side is over (the peer's close frame arrived, the transport ended, or the connection was
    // aborted): what CloseAsync waits for while a receive loop runs, and a receive that met CloseAsync's drain. A signal
    // to wait on, not lifecycle: _state says which end was reached.
    private readonly TaskCompletionSource _peerClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Starts the close handshake (RFC 6455 §7.1.2): sends a close frame, waits up to <see cref="WebSocketLimits.CloseTimeout"/>
    /// for the peer's, then completes the transport. Safe to call while another task runs the receive loop: that loop
    /// still returns the data messages that arrive before the peer's close (their replies fail with
    /// <see cref="WebSocketClosedException"/>), then null. Without a receive loop, this call reads and discards them.
    /// Ends in <see cref="WebSocketConnectionState.Closed"/>, or <see cref="WebSocketConnectionState.Aborted"/> when the
    /// peer did not answer in time or the transport failed. Calling it on a connection that is closing or over (disposed
    /// included) waits for the same end and does not throw.
    /// </summary>
    /// <param name="status">A status allowed on the wire: 1000–1003, 1007–1014 or 3000–4999.</param>
    /// <param name="reason">Why, for logs; cut to 123 UTF-8 bytes.</param>
    /// <param name="cancellationToken">Stops waiting for the peer (the connection is then aborted); the transport is completed all the same.</param>
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
            // Taken as the drain, so that an application ReceiveAsync arriving meanwhile waits for the end and gets null
            // instead of failing as a concurrent receive.
            if (Interlocked.CompareExchange(ref _receiver, ReceiverCloseDrain, ReceiverFree) == ReceiverFree)
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
                    // A drain that ended before the receive side did (cancelled, or timed out) ends the connection before
                    // the receive side is given back: a receive then finds nothing more to read, not a completed pipe.
                    if (CanReceive(State))
                    {
                        Abort(CloseStatusCodes.AbnormalClosure, "The peer did not answer the close frame in time.");
                    }
                    await CompleteInputAsync().ConfigureAwait(false);
                    // However the drain ended (a failure in it included), the receives waiting for it are released.
                    _peerClosed.TrySetResult();
                    ReleaseReceiver();
                }
            }
            else
            {
                // The application's receive loop reads the rest (or the connection was disposed, which set the signal).
                await _peerClosed.Task.WaitAsync(linked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // The peer did not take our close frame or answer it in time: drop the connection (§7.1.1 lets the server close
            // the TCP connection first, and a client once it has waited).
            Abort(CloseStatusCodes.AbnormalClosure, "The peer did not answer the close frame in time.");
        }
        catch (WebSocketClosedException)
        {
            // The transport failed under the drain: the connection is aborted already, which is an end too.
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
        OnFailed();
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
        catch (WebSocketClosedException)
        {
            // The transport failed under the frame and the connection is aborted: there is no one left to tell.
        }
    }

    /// <summary>
    /// Drops the connection without a handshake (state <see cref="WebSocketConnectionState.Aborted"/> unless it already
    /// ended): the receive loop returns null at its next read and a flush held by back-pressure is released. Thread-safe;
    /// the first status wins.
    /// </summary>
    private void Abort(ushort status, string? reason)
    {
        SetCloseStatus(status, reason);
        StopKeepAlive();
        if (TryMoveToAborted())
        {
            // Only the move into Aborted releases the transport's waits: an end reached before left none held.
            CancelPendingRead();
            CancelPendingFlush();
        }
        _peerClosed.TrySetResult();
    }

    /// <summary>
    /// Releases a read the receive loop waits in. A stream transport's pipe end (<see cref="PipeReader.Create(Stream, StreamPipeReaderOptions?)"/>:
    /// the upgrade fallback's, a client's socket) disposes its token source once completed and then throws
    /// <see cref="ObjectDisposedException"/> here; a completed end holds no wait, so that is ignored.
    /// </summary>
    private void CancelPendingRead()
    {
        try
        {
            _input.CancelPendingRead();
        }
        catch (ObjectDisposedException)
        {
            // The receiver completed the input meanwhile: nothing waits on it.
        }
    }

    /// <summary>Releases a flush held by back-pressure; a completed stream pipe end is ignored, as in <see cref="CancelPendingRead"/>.</summary>
    private void CancelPendingFlush()
    {
        try
        {
            _output.CancelPendingFlush();
        }
        catch (ObjectDisposedException)
        {
            // The output was completed meanwhile: nothing waits on it.
        }
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
