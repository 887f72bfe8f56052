using System.Globalization;

namespace MaoOcr.Benchmarks.Transport.Load;

/// <summary>A snapshot of TransportEcho's GET /stats: the server process's allocated bytes and CPU time.</summary>
internal readonly record struct ServerStats(long AllocatedBytes, double CpuMilliseconds, int Gen0, int Gen1, int Gen2)
{
    public static async Task<ServerStats> FetchAsync(HttpClient http, int port, CancellationToken cancellationToken)
    {
        string line = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/stats"), cancellationToken).ConfigureAwait(false);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] parts = pair.Split('=');
            values[parts[0]] = parts[1];
        }
        return new ServerStats(
            long.Parse(values["allocated_bytes"], CultureInfo.InvariantCulture),
            double.Parse(values["cpu_ms"], CultureInfo.InvariantCulture),
            int.Parse(values["gen0"], CultureInfo.InvariantCulture),
            int.Parse(values["gen1"], CultureInfo.InvariantCulture),
            int.Parse(values["gen2"], CultureInfo.InvariantCulture));
    }
}
