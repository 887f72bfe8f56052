namespace MaoOcr.Client.Tests.Support;

/// <summary>Records a client's status changes and lets a test wait for one (bounded, never a timing assertion).</summary>
public sealed class StatusRecorder
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(60);
    private readonly Lock _gate = new();
    private readonly List<ConnectionStatusChange> _changes = [];
    private readonly List<(ConnectionStatus Status, int After, TaskCompletionSource<ConnectionStatusChange> Done)> _waiters = [];

    public StatusRecorder(MaoOcrClient client) => client.StatusChanged += (_, change) => Record(change);

    public IReadOnlyList<ConnectionStatus> Statuses
    {
        get
        {
            lock (_gate)
            {
                return [.. _changes.Select(c => c.Current)];
            }
        }
    }

    /// <summary>How many changes so far: pass it to <see cref="WaitForAsync"/> to wait for a later one.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _changes.Count;
            }
        }
    }

    /// <summary>The first change to <paramref name="status"/> after the first <paramref name="after"/> changes.</summary>
    public Task<ConnectionStatusChange> WaitForAsync(ConnectionStatus status, int after = 0)
    {
        lock (_gate)
        {
            ConnectionStatusChange? seen = _changes.Skip(after).FirstOrDefault(c => c.Current == status);
            if (seen is not null)
            {
                return Task.FromResult(seen);
            }
            var done = new TaskCompletionSource<ConnectionStatusChange>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((status, after, done));
            return done.Task.WaitAsync(s_patience);
        }
    }

    private void Record(ConnectionStatusChange change)
    {
        lock (_gate)
        {
            _changes.Add(change);
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Status == change.Current && _changes.Count > _waiters[i].After)
                {
                    _waiters[i].Done.TrySetResult(change);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}
