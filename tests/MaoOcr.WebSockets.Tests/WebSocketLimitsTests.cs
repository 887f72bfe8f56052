namespace MaoOcr.WebSockets.Tests;

public sealed class WebSocketLimitsTests
{
    [Fact]
    public void Defaults()
    {
        var limits = new WebSocketLimits();
        Assert.Equal(16L * 1024 * 1024, limits.MaxMessageBytes);
        Assert.Equal(limits.MaxMessageBytes, limits.MaxFrameBytes);
        Assert.Equal(1_048_576, limits.MaxFragments);
        Assert.Equal(TimeSpan.FromSeconds(5), limits.CloseTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), limits.KeepAliveInterval);
        Assert.Equal(TimeSpan.FromSeconds(20), limits.KeepAliveTimeout);
        Assert.Equal(32, limits.SendQueueDepth);
        Assert.Equal(TimeSpan.FromSeconds(20), limits.SendTimeout);
    }

    [Fact]
    public void MaxFrameBytes_FollowsTheMessageLimitUntilSet()
    {
        var limits = new WebSocketLimits { MaxMessageBytes = 1000 };
        Assert.Equal(1000, limits.MaxFrameBytes);
        limits.MaxMessageBytes = 10; // a message limit under 125 never shrinks the frame limit below a control frame
        Assert.Equal(125, limits.MaxFrameBytes);
        limits.MaxFrameBytes = 500;
        limits.MaxMessageBytes = 5000;
        Assert.Equal(500, limits.MaxFrameBytes);
        Assert.Equal(500, FrameRules.ForServer(limits, allowRsv1: false).MaxFramePayloadBytes);
    }

    [Fact]
    public void OutOfRangeValues_Throw()
    {
        var limits = new WebSocketLimits();
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.MaxMessageBytes = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.MaxFrameBytes = 124);
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.MaxFragments = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.SendQueueDepth = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.CloseTimeout = TimeSpan.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.KeepAliveInterval = TimeSpan.FromSeconds(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.KeepAliveTimeout = TimeSpan.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.SendTimeout = TimeSpan.FromSeconds(-5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrameRules(WebSocketRole.Server, false, 124));
        Assert.Equal(new WebSocketLimits().MaxMessageBytes, limits.MaxMessageBytes); // a refused value leaves the old one
    }

    [Fact]
    public void InfiniteTimeouts_TurnTimersOff()
    {
        var limits = new WebSocketLimits
        {
            CloseTimeout = Timeout.InfiniteTimeSpan,
            KeepAliveInterval = Timeout.InfiniteTimeSpan,
            KeepAliveTimeout = Timeout.InfiniteTimeSpan,
            SendTimeout = Timeout.InfiniteTimeSpan,
            MaxFrameBytes = 125,
            MaxMessageBytes = 1,
            MaxFragments = 1,
            SendQueueDepth = 1,
        };
        Assert.Equal(Timeout.InfiniteTimeSpan, limits.KeepAliveInterval);
        Assert.Equal(Timeout.InfiniteTimeSpan, limits.SendTimeout);
        Assert.Equal(125, limits.MaxFrameBytes);
    }
}
