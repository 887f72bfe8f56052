using System.Diagnostics;

namespace MaoOcr.Benchmarks.EndToEnd;

/// <summary>One bounded run: all clients start together, warm up, are measured for the duration, and stop.</summary>
internal static class LoadRun
{
    /// <summary>Runs the clients and returns the figures. Never runs longer than warm-up + duration + one request timeout.</summary>
    public static async Task<LoadReport> RunAsync(LoadOptions options, ImageSet images, CancellationToken cancellationToken = default)
    {
        var recorder = new LoadRecorder();
        long start = Stopwatch.GetTimestamp();
        long measureFrom = start + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
        long end = measureFrom + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
        // The hard stop: a request still unanswered a timeout after the end is abandoned.
        using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        hardStop.CancelAfter(options.Warmup + options.Duration + options.RequestTimeout);
        Task[] clients = [.. Enumerable.Range(0, options.Clients)
            .Select(i => Task.Run(() => new LoadClient(i, options, images).RunAsync(measureFrom, end, recorder, hardStop.Token)))];
        await Task.WhenAll(clients).ConfigureAwait(false);
        // Closed loop: the window runs from the measured start to the last answer (at most one request past the end).
        long finished = Math.Max(Stopwatch.GetTimestamp(), measureFrom + 1);
        TimeSpan measured = Stopwatch.GetElapsedTime(measureFrom, finished);
        return LoadReport.From(options, images, recorder.Snapshot(), measured);
    }
}
