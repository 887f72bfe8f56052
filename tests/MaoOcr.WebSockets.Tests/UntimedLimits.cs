namespace MaoOcr.WebSockets.Tests;

/// <summary>
/// Connection limits with every timer off (keep-alive, close, send), for tests in which only their own steps move a
/// connection; a test about a timer turns that one on, on a <see cref="ManualTimeProvider"/>.
/// </summary>
internal static class UntimedLimits
{
    public static WebSocketLimits Create() => new()
    {
        KeepAliveInterval = Timeout.InfiniteTimeSpan,
        CloseTimeout = Timeout.InfiniteTimeSpan,
        SendTimeout = Timeout.InfiniteTimeSpan,
    };
}
