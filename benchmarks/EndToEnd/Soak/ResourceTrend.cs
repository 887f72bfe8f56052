using System.Globalization;

namespace MaoOcr.Benchmarks.EndToEnd.Soak;

/// <summary>
/// Judges the appliance's resources over the soak. The window is the last 80% of the run (the first 20% is warm-up:
/// pools, caches and the thread pool filling). Its first and last tenths are compared: RSS by their means, threads and
/// handles by their medians, which a momentary burst does not move. Handles are counted less the soak's connections
/// open at each sample, since each one is a socket. The comparison of two ends, rather than a fitted line, is what the
/// issue asks ("drift over the last 80%"); a leak grows both ways, and the two ends are easy to check by hand.
/// </summary>
internal static class ResourceTrend
{
    /// <summary>Part of the run before the window: warm-up.</summary>
    public const double WindowStart = 0.2;

    /// <summary>Part of the window averaged at each end.</summary>
    public const double EndShare = 0.1;

    /// <summary>Largest RSS rise from the window's first tenth to its last, in percent (the 10%).</summary>
    public const double MaxRssDriftPercent = 10;

    /// <summary>
    /// Threads or handles the window's end may have above its start: at least <see cref="MinCountAllowance"/>, or
    /// <see cref="CountAllowancePercent"/> of the start. The thread pool adds and retires workers as the load's shape
    /// changes and connections in their close handshake hold a socket for a moment; a leak grows past both within minutes.
    /// </summary>
    public const int MinCountAllowance = 4;

    public const double CountAllowancePercent = 10;

    /// <summary>Handles the server may hold at rest after the soak above before it (lazily opened files, the thread pool's own).</summary>
    public const int RestHandleAllowance = 4;

    public static ResourceFigures Evaluate(IReadOnlyList<ProcessSample> samples, double durationSeconds, ProcessSample? before, ProcessSample? after, List<SoakCheck> checks)
    {
        ProcessSample[] window = [.. samples.Where(s => s.Seconds >= durationSeconds * WindowStart && s.Seconds <= durationSeconds)];
        if (window.Length < 2)
        {
            checks.Add(new SoakCheck("resources", false, $"only {window.Length} sample(s) in the window: too short a run to judge"));
            return new ResourceFigures(samples.Count, window.Length, null, null, null, null, null, null, null, null, Peak(samples, s => s.RssKib), Peak(samples, s => s.Threads), Peak(samples, s => s.Handles), before, after);
        }
        int share = Math.Max(1, (int)(window.Length * EndShare));
        ProcessSample[] head = window[..share], tail = window[^share..];
        double rssHead = head.Average(s => s.RssKib), rssTail = tail.Average(s => s.RssKib);
        double drift = (rssTail - rssHead) / rssHead * 100;
        checks.Add(new SoakCheck(SoakCases.RssDrift, drift <= MaxRssDriftPercent, string.Create(CultureInfo.InvariantCulture,
            $"RSS {rssHead / 1024:0.0} MiB -> {rssTail / 1024:0.0} MiB ({drift:+0.0;-0.0}%, limit +{MaxRssDriftPercent}%), means of the first and last {share} s of the last 80%")));
        double threadsHead = Median(head, s => s.Threads), threadsTail = Median(tail, s => s.Threads);
        checks.Add(CountCheck(SoakCases.ThreadGrowth, "threads", threadsHead, threadsTail));
        double handlesHead = Median(head, s => s.OtherHandles), handlesTail = Median(tail, s => s.OtherHandles);
        checks.Add(CountCheck(SoakCases.HandleGrowth, "handles less open connections", handlesHead, handlesTail));
        if (before is not null && after is not null)
        {
            checks.Add(new SoakCheck(SoakCases.HandlesAtRest, after.Handles <= before.Handles + RestHandleAllowance,
                $"handles with no client connected: {before.Handles} before, {after.Handles} after (allowance +{RestHandleAllowance})"));
        }
        return new ResourceFigures(samples.Count, window.Length, Math.Round(rssHead / 1024, 1), Math.Round(rssTail / 1024, 1), Math.Round(drift, 2),
            threadsHead, threadsTail, handlesHead, handlesTail, share, Peak(samples, s => s.RssKib), Peak(samples, s => s.Threads), Peak(samples, s => s.Handles), before, after);
    }

    private static SoakCheck CountCheck(string name, string what, double head, double tail)
    {
        double allowed = Math.Max(MinCountAllowance, head * CountAllowancePercent / 100);
        return new SoakCheck(name, tail <= head + allowed, string.Create(CultureInfo.InvariantCulture,
            $"{what} {head:0.#} -> {tail:0.#} (medians; allowance +{allowed:0.#})"));
    }

    private static double Median(ProcessSample[] samples, Func<ProcessSample, double> value)
    {
        double[] sorted = [.. samples.Select(value).Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static long? Peak(IReadOnlyList<ProcessSample> samples, Func<ProcessSample, long> value) => samples.Count == 0 ? null : samples.Max(value);
}

/// <summary>One named check of the soak and whether it passed, with the figures it was decided on.</summary>
internal sealed record SoakCheck(string Name, bool Passed, string Detail);

/// <summary>The appliance's resources over the soak (see <see cref="ResourceTrend"/>). MiB for memory; counts otherwise.</summary>
internal sealed record ResourceFigures(
    int Samples,
    int WindowSamples,
    double? RssStartMib,
    double? RssEndMib,
    double? RssDriftPercent,
    double? ThreadsStart,
    double? ThreadsEnd,
    double? HandlesStart,
    double? HandlesEnd,
    int? EndSamples,
    long? RssPeakKib,
    long? ThreadsPeak,
    long? HandlesPeak,
    ProcessSample? AtRestBefore,
    ProcessSample? AtRestAfter);
