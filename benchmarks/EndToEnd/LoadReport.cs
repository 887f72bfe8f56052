using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace MaoOcr.Benchmarks.EndToEnd;

/// <summary>A run's figures: throughput over the measured window and latency percentiles of answered requests.</summary>
internal sealed record LoadReport(
    string? Label,
    string Url,
    string Form,
    int Clients,
    int Images,
    double DurationSeconds,
    double WarmupSeconds,
    int Sent,
    int Completed,
    int Cached,
    int Failed,
    double ImagesPerSecond,
    double? P50Ms,
    double? P90Ms,
    double? P99Ms,
    double? MeanMs,
    double? MaxMs,
    Dictionary<string, int> Errors)
{
    public static LoadReport From(LoadOptions options, ImageSet images, LoadCounts counts, TimeSpan measured)
    {
        double[] sorted = [.. counts.LatenciesMs.Order()];
        return new LoadReport(
            options.Label,
            options.Url.ToString(),
            options.Binary ? "binary" : "text",
            options.Clients,
            images.Images.Count,
            Math.Round(measured.TotalSeconds, 2),
            options.Warmup.TotalSeconds,
            counts.Sent,
            counts.Completed,
            counts.Cached,
            counts.Errors.Values.Sum(),
            Math.Round(counts.Completed / Math.Max(measured.TotalSeconds, 1e-9), 3),
            Percentile(sorted, 50),
            Percentile(sorted, 90),
            Percentile(sorted, 99),
            sorted.Length == 0 ? null : Math.Round(sorted.Average(), 1),
            sorted.Length == 0 ? null : Math.Round(sorted[^1], 1),
            counts.Errors);
    }

    /// <summary>Nearest-rank percentile (the smallest value with at least p% of the values at or below it).</summary>
    public static double? Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return null;
        }
        int rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return Math.Round(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)], 1);
    }

    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{(Label is null ? string.Empty : Label + ": ")}{Url}  {Form} form, {Clients} client(s), {Images} image(s), {DurationSeconds:0.##} s measured after {WarmupSeconds:0.##} s warm-up\n");
        text.Append(CultureInfo.InvariantCulture, $"requests: {Sent} sent, {Completed} answered ({Cached} from the cache), {Failed} failed\n");
        text.Append(CultureInfo.InvariantCulture, $"throughput: {ImagesPerSecond:0.###} images/s\n");
        text.Append(CultureInfo.InvariantCulture, $"latency ms: p50 {Show(P50Ms)}  p90 {Show(P90Ms)}  p99 {Show(P99Ms)}  mean {Show(MeanMs)}  max {Show(MaxMs)}\n");
        foreach ((string code, int count) in Errors.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"error {code}: {count}\n");
        }
        return text.ToString();
    }

    private static string Show(double? ms) => ms is double value ? value.ToString("0.0", CultureInfo.InvariantCulture) : "-";
}

// One line per pass (JSON Lines), so a script reads a series with one parse per line.
[JsonSourceGenerationOptions(WriteIndented = false, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(LoadReport))]
[JsonSerializable(typeof(SkippedPass))]
internal sealed partial class LoadJsonContext : JsonSerializerContext;
