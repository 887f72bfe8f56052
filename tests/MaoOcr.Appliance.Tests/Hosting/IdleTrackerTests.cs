using MaoOcr.Appliance.Hosting;

namespace MaoOcr.Appliance.Tests.Hosting;

public sealed class IdleTrackerTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan s_idle = TimeSpan.FromSeconds(30);

    [Fact]
    public void Releases_once_after_the_idle_time_and_not_again_until_work_has_run()
    {
        var tracker = new IdleTracker(s_idle);
        Assert.False(tracker.ShouldRelease(s_t0, started: 0, busy: false));
        Assert.False(tracker.ShouldRelease(s_t0 + TimeSpan.FromSeconds(29), 0, false));
        Assert.True(tracker.ShouldRelease(s_t0 + TimeSpan.FromSeconds(30), 0, false));
        Assert.False(tracker.ShouldRelease(s_t0 + TimeSpan.FromSeconds(90), 0, false));

        // A request came and went between two looks: the queue's start count moved.
        Assert.False(tracker.ShouldRelease(s_t0 + TimeSpan.FromSeconds(100), 1, false));
        Assert.False(tracker.ShouldRelease(s_t0 + TimeSpan.FromSeconds(129), 1, false));
        Assert.True(tracker.ShouldRelease(s_t0 + TimeSpan.FromSeconds(130), 1, false));
    }

    [Fact]
    public void Work_queued_or_running_postpones_the_release()
    {
        var tracker = new IdleTracker(s_idle);
        Assert.False(tracker.ShouldRelease(s_t0, 5, busy: false));
        // One long page: nothing new started, but the queue is busy the whole time.
        Assert.False(tracker.ShouldRelease(s_t0 + TimeSpan.FromSeconds(40), 5, busy: true));
        Assert.False(tracker.ShouldRelease(s_t0 + TimeSpan.FromSeconds(60), 5, busy: false));
        Assert.True(tracker.ShouldRelease(s_t0 + TimeSpan.FromSeconds(70), 5, busy: false));
    }
}
