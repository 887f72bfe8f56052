using System.Net.WebSockets;

namespace MaoOcr.Client.Internal;

/// <summary>
/// One open WebSocket and what belongs to it: its generation, its send lock, the heartbeat's pending pong and when the
/// peer last showed it was there.
/// </summary>
internal sealed class Connection : IDisposable
{
    private readonly CancellationTokenSource _ended = new();
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private long _lastSignOfLife;
    private string? _awaitedPong;
    private TaskCompletionSource? _pong;
    private Exception? _dropReason;
    private bool _disposed;

    public Connection(ClientWebSocket socket, int generation, TimeProvider time)
    {
        Socket = socket;
        Generation = generation;
        _time = time;
        _lastSignOfLife = time.GetTimestamp();
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

    /// <summary>
    /// When (a <see cref="TimeProvider.GetTimestamp"/>) bytes last came in, or the socket last took an upload fragment.
    /// A socket takes a fragment only as the peer acknowledges earlier ones; on a dead link it stops once the kernel's
    /// buffers are full. So during an upload that holds the send path, when no ping can go out, this still tells a
    /// live link from a dead one.
    /// </summary>
    public long LastSignOfLife => Volatile.Read(ref _lastSignOfLife);

    /// <summary>Bytes came in, or an upload fragment went out.</summary>
    public void NoteSignOfLife() => Volatile.Write(ref _lastSignOfLife, _time.GetTimestamp());

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
