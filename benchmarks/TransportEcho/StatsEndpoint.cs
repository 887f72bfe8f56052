using System.Diagnostics;
using System.Globalization;

namespace MaoOcr.Benchmarks.TransportEcho;

/// <summary>
/// GET /stats: the server process's own counters, so that the load client can charge allocation and CPU to the server
/// alone. One line of <c>name=value</c> pairs: <c>allocated_bytes</c> (<see cref="GC.GetTotalAllocatedBytes(bool)"/>,
/// precise), <c>cpu_ms</c> (user + system), <c>gen0</c>/<c>gen1</c>/<c>gen2</c> (collection counts).
/// </summary>
internal static class StatsEndpoint
{
    public const string Path = "/stats";

    public static Task WriteAsync(HttpContext context)
    {
        using var process = Process.GetCurrentProcess();
        string line = string.Create(CultureInfo.InvariantCulture,
            $"allocated_bytes={GC.GetTotalAllocatedBytes(precise: true)} cpu_ms={process.TotalProcessorTime.TotalMilliseconds:F0} gen0={GC.CollectionCount(0)} gen1={GC.CollectionCount(1)} gen2={GC.CollectionCount(2)}\n");
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync(line);
    }
}
