using System.Diagnostics;

namespace MaoOcr.Appliance.Core;

/// <summary>
/// A bounded queue in front of the engine, fair across connections: each connection has its own FIFO,
/// and workers take from the connections in turn, so a client with fifty requests waiting delays a client
/// with one by at most one request per worker. An item whose token is cancelled while it waits (its client went
/// away, or its deadline passed) is taken out and abandoned at once: its answer does not wait for its turn, and its
/// place in the queue goes to someone else.
/// </summary>
public sealed class FairScheduler : IAsyncDisposable
{
    private readonly WorkQueueLimits _options;
    private readonly Lock _lock = new();
    // Connections with waiting items, in turn order; each appears once.
    private readonly LinkedList<Lane> _turns = new();
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _available = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _workers;
    private int _queued;
    private int _running;
    private long _started;

    public FairScheduler(WorkQueueLimits options)
    {
        _options = options;
        _workers = new Task[options.Workers];
        for (int i = 0; i < _workers.Length; i++)
        {
            // A dedicated thread each, not the thread pool's: a page keeps its thread busy for hundreds of milliseconds,
            // and a pool thread that runs page after page never gets back to the continuations it queued itself (the
            // session's writer woken by a progress report lands in that thread's local queue). On a two-core box the
            // client then heard nothing, progress or final message, until the whole queue was done.
            _workers[i] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    /// <summary>Items waiting, across all connections.</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>Items being run now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Items started since the queue was made: a request that came and went between two looks still moves it.</summary>
    public long Started => Interlocked.Read(ref _started);

    /// <summary>
    /// Queues <paramref name="item"/> for <paramref name="connectionId"/>. On success
    /// <paramref name="position"/> is how many items will run before it (0 = next).
    /// </summary>
    public EnqueueResult TryEnqueue(string connectionId, IWorkItem item, out int position)
    {
        position = 0;
        lock (_lock)
        {
            if (_stopping.IsCancellationRequested)
            {
                return EnqueueResult.Stopped;
            }
            if (_queued >= _options.MaxQueued)
            {
                return EnqueueResult.QueueFull;
            }
            if (!_lanes.TryGetValue(connectionId, out Lane? lane))
            {
                lane = new Lane(connectionId);
                _lanes.Add(connectionId, lane);
            }
            if (lane.Items.Count >= _options.MaxQueuedPerConnection)
            {
                return EnqueueResult.ConnectionFull;
            }
            // With turns taken in rotation, an item k-th in its lane waits for k items of every lane that
            // has that many, plus its own lane's k.
            int ahead = lane.Items.Count;
            foreach (Lane other in _turns)
            {
                if (other != lane)
                {
                    ahead += Math.Min(other.Items.Count, lane.Items.Count + 1);
                }
            }
            position = ahead;
            lane.Items.Enqueue(item);
            if (lane.Node is null)
            {
                lane.Node = _turns.AddLast(lane);
            }
            _queued++;
        }
        _available.Release();
        // Outside the lock: a token already cancelled runs the callback here and now, and it takes the lock.
        if (item.CancellationToken.CanBeCanceled)
        {
            item.CancellationToken.UnsafeRegister(static (state, _) => ((WaitingItem)state!).Cancelled(), new WaitingItem(this, connectionId, item));
        }
        return EnqueueResult.Queued;
    }

    /// <summary>
    /// Puts back an item that has done part of its work (a page of a long document) at the end of its connection's line,
    /// so other connections' requests run before its next part. The limits are not checked again: the item already holds
    /// its place. False when the queue is stopping: the caller then finishes its work where it is.
    /// </summary>
    public bool Continue(string connectionId, IWorkItem item)
    {
        lock (_lock)
        {
            if (_stopping.IsCancellationRequested)
            {
                return false;
            }
            if (!_lanes.TryGetValue(connectionId, out Lane? lane))
            {
                lane = new Lane(connectionId);
                _lanes.Add(connectionId, lane);
            }
            lane.Items.Enqueue(item);
            lane.Node ??= _turns.AddLast(lane);
            _queued++;
        }
        _available.Release();
        return true;
    }

    /// <summary>Takes <paramref name="item"/> out of its connection's line if it is still waiting; false once a worker has it.</summary>
    private bool TryRemoveWaiting(string connectionId, IWorkItem item)
    {
        lock (_lock)
        {
            if (!_lanes.TryGetValue(connectionId, out Lane? lane) || !lane.Items.Contains(item))
            {
                return false;
            }
            // A line holds MaxQueuedPerConnection items at most (16 by default): rebuilding it is cheap.
            IWorkItem[] rest = [.. lane.Items.Where(i => !ReferenceEquals(i, item))];
            lane.Items.Clear();
            foreach (IWorkItem other in rest)
            {
                lane.Items.Enqueue(other);
            }
            _queued--;
            if (lane.Items.Count == 0)
            {
                _turns.Remove(lane.Node!);
                lane.Node = null;
                _lanes.Remove(connectionId);
            }
            // The worker this item's Release would have woken finds nothing, or the next item: Take allows for both.
            return true;
        }
    }

    /// <summary>Stops taking work, abandons what waits, and waits for running items to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        List<IWorkItem> abandoned = [];
        lock (_lock)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }
            _stopping.Cancel();
            foreach (Lane lane in _turns)
            {
                abandoned.AddRange(lane.Items);
                lane.Items.Clear();
                lane.Node = null;
            }
            _turns.Clear();
            _lanes.Clear();
            _queued = 0;
        }
        foreach (IWorkItem item in abandoned)
        {
            item.Abandon();
        }
        await Task.WhenAll(_workers).ConfigureAwait(false);
        _available.Dispose();
        _stopping.Dispose();
    }

    private void Work()
    {
        Thread.CurrentThread.Name = "maoocr queue worker";
        while (true)
        {
            try
            {
                _available.Wait(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            IWorkItem? item = Take();
            if (item is null)
            {
                continue;
            }
            if (item.CancellationToken.IsCancellationRequested)
            {
                item.Abandon();
                continue;
            }
            Interlocked.Increment(ref _running);
            Interlocked.Increment(ref _started);
            try
            {
                item.Run();
            }
            catch (Exception e)
            {
                // The item reports its own failures; this is a last resort so a worker never dies.
                Debug.Fail($"A work item threw: {e}");
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }
    }

    private IWorkItem? Take()
    {
        lock (_lock)
        {
            LinkedListNode<Lane>? node = _turns.First;
            if (node is null)
            {
                return null;
            }
            Lane lane = node.Value;
            IWorkItem item = lane.Items.Dequeue();
            _queued--;
            _turns.RemoveFirst();
            if (lane.Items.Count > 0)
            {
                // Back of the line: the other connections go first.
                lane.Node = _turns.AddLast(lane);
            }
            else
            {
                lane.Node = null;
                _lanes.Remove(lane.ConnectionId);
            }
            return item;
        }
    }

    /// <summary>What a waiting item's cancellation callback needs, so that it captures no closure.</summary>
    private sealed class WaitingItem(FairScheduler scheduler, string connectionId, IWorkItem item)
    {
        public void Cancelled()
        {
            if (scheduler.TryRemoveWaiting(connectionId, item))
            {
                item.Abandon();
            }
        }
    }

    private sealed class Lane(string connectionId)
    {
        public string ConnectionId { get; } = connectionId;

        public Queue<IWorkItem> Items { get; } = new();

        public LinkedListNode<Lane>? Node { get; set; }
    }
}
