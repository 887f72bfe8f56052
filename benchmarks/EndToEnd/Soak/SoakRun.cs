using System.Diagnostics;
using System.Globalization;

namespace MaoOcr.Benchmarks.EndToEnd.Soak;

/// <summary>
/// The soak: every client runs its mix for the duration, then finishes what it is owed; the appliance's process is
/// sampled throughout, and at rest before and after. Every check of the report is decided here.
/// </summary>
internal static class SoakRun
{
    /// <summary>How long the appliance has after the last client left to give back what the soak used.</summary>
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(15);

    public static async Task<SoakReport> RunAsync(LoadOptions options, ImageSet images, CancellationToken interrupted)
    {
        var ledger = new SoakLedger();
        var gauge = new ConnectionGauge();
        int? pid = options.ServerPid ?? ServerProcess.FindListener(options.Url.Port);
        ProcessSampler? sampler = pid is int id ? new ProcessSampler(id, gauge, ledger) : null;
        // Built before the clock starts, so no client waits for it.
        _ = OversizedPng.Bytes;
        ProcessSample? before = sampler?.Read(0, 0);
        if (sampler is not null && before is null)
        {
            ledger.Fail(SoakCases.ServerExited, $"process {pid} cannot be read from /proc before the soak");
            sampler = null;
        }

        long started = Stopwatch.GetTimestamp();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(interrupted);
        stop.CancelAfter(options.Duration);
        using var stopSampling = new CancellationTokenSource();
        Task sampling = sampler?.RunAsync(started, stopSampling.Token) ?? Task.CompletedTask;
        Task[] clients = [.. Enumerable.Range(0, options.Clients)
            .Select(i => Task.Run(() => new SoakClient(i, options, images, ledger, gauge).RunAsync(stop.Token)))];
        await Task.WhenAll(clients).ConfigureAwait(false);
        double elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await stopSampling.CancelAsync().ConfigureAwait(false);
        await sampling.ConfigureAwait(false);
        double duration = Math.Min(options.Duration.TotalSeconds, elapsed);
        ProcessSample? after = sampler is null || before is null ? null : await SettleAsync(sampler, before, elapsed).ConfigureAwait(false);

        SoakCounts counts = ledger.Snapshot();
        var checks = new List<SoakCheck>();
        foreach (string check in new[] { SoakCases.NoAnswer, SoakCases.AnsweredTwice, SoakCases.MessageAfterFinal, SoakCases.UnknownId,
                     SoakCases.UndeservedError, SoakCases.WrongError, SoakCases.WrongResultCount, SoakCases.UnreadableMessage,
                     SoakCases.ConnectionLost, SoakCases.ConnectFailed, SoakCases.ServerExited })
        {
            int failed = counts.Failures.GetValueOrDefault(check);
            checks.Add(new SoakCheck(check, failed == 0, failed.ToString(CultureInfo.InvariantCulture)));
        }
        checks.Add(new SoakCheck("answered", counts.Outcomes.Keys.Any(o => o.EndsWith("-> ocr_complete", StringComparison.Ordinal)), "at least one good request completed"));
        ResourceFigures? server = sampler is null ? null : ResourceTrend.Evaluate(sampler.Samples, duration, before, after, checks);
        return new SoakReport(options.Label, options.Url.ToString(), options.Clients, options.Seed, images.Images.Count, options.Duration.TotalSeconds,
            Math.Round(elapsed, 1), SoakMix.Describe(), counts, sampler?.Pid, server, checks, [.. sampler?.Samples ?? []]);
    }

    /// <summary>Samples the idle appliance until its handles are back near where they were before the soak, or <see cref="s_settle"/> passes.</summary>
    private static async Task<ProcessSample?> SettleAsync(ProcessSampler sampler, ProcessSample before, double elapsed)
    {
        Stopwatch waited = Stopwatch.StartNew();
        while (true)
        {
            ProcessSample? now = sampler.Read(elapsed + waited.Elapsed.TotalSeconds, 0);
            if (now is null || now.Handles <= before.Handles + ResourceTrend.RestHandleAllowance || waited.Elapsed >= s_settle)
            {
                return now;
            }
            await Task.Delay(500).ConfigureAwait(false);
        }
    }
}
