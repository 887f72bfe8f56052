using System.Net.WebSockets;

namespace MaoOcr.Client.Internal;

/// <summary>One open WebSocket and what belongs to it: its generation, its send lock and the heartbeat's pending pong.</summary>
internal sealed class Connection : IDisposable
{
    private readonly CancellationTokenSource _ended = new();
    private readonly Lock _gate = new();
    private string? _awaitedPong;
    private TaskCompletionSource? _pong;
    private Exception? _dropReason;
    private bool _disposed;

    public Connection(ClientWebSocket socket, int generation)
    {
        Socket = socket;
        Generation = generation;
    }

    public ClientWebSocket Socket { get; }

    /// <summary>Counts connections from 1, so a request can tell whether it was sent on this one.</summary>
    public int Generation { get; }

    /// <summary>ClientWebSocket allows one send at a time; a binary request is several fragments that must not interleave.</summary>
    public SemaphoreSlim SendLock { get; } = new(1, 1);

    /// <summary>Cancelled when the connection is given up: stops the heartbeat and any send still waiting.</summary>
    public CancellationToken Ended => _ended.Token;

    /// <summary>Why we gave up the connection ourselves (a missed pong), if we did.</summary>
    public Exception? DropReason
    {
        get
        {
            lock (_gate)
            {
                return _dropReason;
            }
        }
    }

    public Task ExpectPong(string pingId)
    {
        lock (_gate)
        {
            _awaitedPong = pingId;
            _pong = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _pong.Task;
        }
    }

    /// <returns>True when it answers the ping in flight.</returns>
    public bool PongReceived(string? id)
    {
        lock (_gate)
        {
            if (id is null || id != _awaitedPong)
            {
                return false;
            }
            _pong?.TrySetResult();
            _awaitedPong = null;
            return true;
        }
    }

    /// <summary>Takes the connection down at once; the receive loop then ends and the client reconnects.</summary>
    public void Abort(Exception reason)
    {
        lock (_gate)
        {
            _dropReason ??= reason;
            if (_disposed)
            {
                return;
            }
            // Under the lock, so Dispose cannot run between the check and the cancel.
            _ended.Cancel();
        }
        Socket.Abort();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _ended.Cancel();
        }
        Socket.Dispose();
        _ended.Dispose();
        SendLock.Dispose();
    }
}
