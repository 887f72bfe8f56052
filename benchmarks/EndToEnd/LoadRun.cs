using System.Diagnostics;

namespace MaoOcr.Benchmarks.EndToEnd;

/// <summary>
/// One bounded run: all clients start together and run through the warm-up and the measured window. The figures are
/// the answers received inside the window (throughput = those answers / the window), whenever their request was sent,
/// so a slow server's long queue is measured rather than hidden. At the window's end the clients close their
/// connections, and whatever is still in flight is left to the server to cancel.
/// </summary>
internal static class LoadRun
{
    /// <summary>Runs the clients and returns the figures. Never runs longer than warm-up + duration + a few seconds to close.</summary>
    public static async Task<LoadReport> RunAsync(LoadOptions options, ImageSet images, CancellationToken cancellationToken = default)
    {
        var recorder = new LoadRecorder();
        long start = Stopwatch.GetTimestamp();
        var window = new MeasuredWindow(
            start + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency),
            start + (long)((options.Warmup + options.Duration).TotalSeconds * Stopwatch.Frequency),
            options.MaxRequests);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(options.Warmup + options.Duration);
        Task[] clients = [.. Enumerable.Range(0, options.Clients)
            .Select(i => Task.Run(() => new LoadClient(i, options, images).RunAsync(window, recorder, stop)))];
        await Task.WhenAll(clients).ConfigureAwait(false);
        long closed = Math.Min(Stopwatch.GetTimestamp(), window.End);
        TimeSpan measured = Stopwatch.GetElapsedTime(window.Start, Math.Max(closed, window.Start + 1));
        return LoadReport.From(options, images, recorder.Snapshot(), measured);
    }
}

/// <summary>The measured window in Stopwatch ticks, and the request limit that may end it early (0: none).</summary>
internal sealed record MeasuredWindow(long Start, long End, int MaxRequests)
{
    public bool Contains(long timestamp) => timestamp >= Start && timestamp < End;
}
