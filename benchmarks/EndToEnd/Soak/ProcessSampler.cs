using System.Diagnostics;
using System.Globalization;

namespace MaoOcr.Benchmarks.EndToEnd.Soak;

/// <summary>Samples the appliance process from /proc once a second (proc(5): status's VmRSS and Threads, the fd folder).</summary>
internal sealed class ProcessSampler(int pid, ConnectionGauge gauge, SoakLedger ledger)
{
    private static readonly TimeSpan s_period = TimeSpan.FromSeconds(1);

    private readonly List<ProcessSample> _samples = [];

    public int Pid => pid;

    public IReadOnlyList<ProcessSample> Samples => _samples;

    /// <summary>Samples until <paramref name="stop"/>; a process that is gone is a <see cref="SoakCases.ServerExited"/> failure, and ends the sampling.</summary>
    public async Task RunAsync(long started, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(s_period);
        try
        {
            do
            {
                if (Read(Stopwatch.GetElapsedTime(started).TotalSeconds, gauge.Open) is not ProcessSample sample)
                {
                    ledger.Fail(SoakCases.ServerExited, $"process {pid} is gone after {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s");
                    return;
                }
                _samples.Add(sample);
            }
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // The soak is over.
        }
    }

    /// <returns>The process now; null when it is gone (or was never there).</returns>
    public ProcessSample? Read(double seconds, int connections)
    {
        try
        {
            long rss = 0;
            int threads = 0;
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("Threads:", StringComparison.Ordinal))
                {
                    threads = int.Parse(line.AsSpan(8).Trim(), CultureInfo.InvariantCulture);
                }
            }
            int handles = Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").Count();
            // A zombie has no memory and no threads left to report.
            return rss == 0 ? null : new ProcessSample(Math.Round(seconds, 1), rss, threads, handles, connections);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
