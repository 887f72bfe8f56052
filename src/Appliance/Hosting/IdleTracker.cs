namespace MaoOcr.Appliance.Hosting;

/// <summary>
/// Decides when the engine has been idle long enough to give memory back: once per quiet spell, after
/// <see cref="IdleAfter"/> with nothing queued, running or started. Fed by periodic looks at the queue's counters.
/// </summary>
internal sealed class IdleTracker
{
    private long _lastStarted = -1;
    private DateTimeOffset _lastActive;
    private bool _released;

    public IdleTracker(TimeSpan idleAfter) => IdleAfter = idleAfter;

    public TimeSpan IdleAfter { get; }

    /// <summary>One look at the queue; true when memory should be released now.</summary>
    /// <param name="now">When the look was taken.</param>
    /// <param name="started">Items the queue has started so far (<see cref="Core.FairScheduler.Started"/>).</param>
    /// <param name="busy">Whether anything is queued or running now.</param>
    public bool ShouldRelease(DateTimeOffset now, long started, bool busy)
    {
        if (busy || started != _lastStarted)
        {
            // The first look counts as activity too: the warm-up has just run.
            _lastStarted = started;
            _lastActive = now;
            _released = false;
            return false;
        }
        if (_released || now - _lastActive < IdleAfter)
        {
            return false;
        }
        _released = true;
        return true;
    }
}
