using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace MaoOcr.Benchmarks.EndToEnd.Soak;

/// <summary>A soak's figures and its checks; <see cref="Passed"/> is false when any check failed.</summary>
internal sealed record SoakReport(
    string? Label,
    string Url,
    int Clients,
    int Seed,
    int Images,
    double DurationSeconds,
    double ElapsedSeconds,
    string Mix,
    SoakCounts Counts,
    int? ServerPid,
    ResourceFigures? Server,
    List<SoakCheck> Checks,
    List<ProcessSample> Samples)
{
    public bool Passed => Checks.All(c => c.Passed);

    public IEnumerable<string> FailedChecks => Checks.Where(c => !c.Passed).Select(c => c.Name);

    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{(Label is null ? string.Empty : Label + ": ")}soak of {Url}: {Clients} clients, {DurationSeconds:0} s (all answered after {ElapsedSeconds:0} s), seed {Seed}, {Images} image(s)\n");
        text.Append(CultureInfo.InvariantCulture, $"mix: {Mix}\n");
        text.Append(CultureInfo.InvariantCulture, $"actions: {Join(Counts.Actions)}\n");
        text.Append(CultureInfo.InvariantCulture, $"messages: {Counts.Sent} sent on {Counts.Connections} connections, {Counts.Answered} answered, {Counts.Abandoned} left unanswered on a connection the client cancelled or dropped (not owed)\n");
        foreach ((string outcome, int count) in Counts.Outcomes)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {outcome}: {count}\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"refused under load (allowed): {(Counts.LoadRefusals.Count == 0 ? "none" : Join(Counts.LoadRefusals))}\n");
        if (Server is ResourceFigures server)
        {
            text.Append(CultureInfo.InvariantCulture, $"server pid {ServerPid}: {server.Samples} samples, peaks RSS {server.RssPeakKib / 1024.0:0.0} MiB, {server.ThreadsPeak} threads, {server.HandlesPeak} handles\n");
            if (server.AtRestBefore is ProcessSample before && server.AtRestAfter is ProcessSample after)
            {
                text.Append(CultureInfo.InvariantCulture, $"at rest: RSS {before.RssKib / 1024.0:0.0} -> {after.RssKib / 1024.0:0.0} MiB, threads {before.Threads} -> {after.Threads}, handles {before.Handles} -> {after.Handles}\n");
            }
        }
        else
        {
            text.Append("server: not sampled (no --server-pid, and no process of this user listens on the URL's port)\n");
        }
        foreach (SoakCheck check in Checks)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(check.Passed ? "ok  " : "FAIL")} {check.Name}: {check.Detail}\n");
        }
        foreach (string example in Counts.FailureExamples)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {example}\n");
        }
        text.Append(Passed ? "soak passed\n" : $"soak FAILED: {string.Join(", ", FailedChecks)}\n");
        return text.ToString();
    }

    private static string Join(SortedDictionary<string, int> counts) => string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"));
}

// One object for the whole soak; its samples are the appliance's resources second by second, for a plot.
[JsonSourceGenerationOptions(WriteIndented = false, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SoakReport))]
internal sealed partial class SoakJsonContext : JsonSerializerContext;
