using System.Globalization;
using System.Text;

namespace MaoOcr.Benchmarks.Transport.Load;

/// <summary>
/// The transport load benchmark: every target, size and connection count, back to back within a repeat (targets
/// interleaved per cell), the whole matrix repeated, so that each ratio compares figures measured minutes apart at most.
/// </summary>
internal static class LoadCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IndexOutOfRangeException)
        {
            await Console.Error.WriteLineAsync($"{e.Message}\nusage: load --target NAME=PORT[,deflate] ... [--pair OURS:THEIRS] [--sizes 32,4096] [--connections 1,64] [--seconds 2] [--warmup 0.5] [--repeats 3] [--markdown FILE]").ConfigureAwait(false);
            return 2;
        }

        using var http = new HttpClient();
        Dictionary<int, byte[]> payloads = options.Sizes.ToDictionary(size => size, Payloads.Text);
        var results = new List<CellResult>();
        for (int repeat = 1; repeat <= options.Repeats; repeat++)
        {
            foreach (int size in options.Sizes)
            {
                foreach (int connections in options.Connections)
                {
                    foreach (LoadTarget target in options.Targets)
                    {
                        CellResult cell = await LoadCell.RunAsync(target, payloads[size], connections, repeat, options, http).ConfigureAwait(false);
                        results.Add(cell);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"run {repeat} {target.Name,-16} {size,8} B x{connections,-3} {cell.MessagesPerSecond,10:F0} msg/s {cell.MegabytesPerSecond,8:F1} MB/s {cell.AllocatedBytesPerMessage,9:F1} B/msg {cell.CpuMicrosecondsPerMessage,8:F1} us/msg"));
                    }
                }
            }
        }

        string markdown = Markdown(results, options);
        Console.WriteLine();
        Console.WriteLine(markdown);
        if (options.MarkdownPath is not null)
        {
            await File.WriteAllTextAsync(options.MarkdownPath, markdown).ConfigureAwait(false);
        }
        return 0;
    }

    private static string Markdown(List<CellResult> results, LoadOptions options)
    {
        var text = new StringBuilder();
        CultureInfo c = CultureInfo.InvariantCulture;
        if (options.Pairs.Count > 0)
        {
            text.AppendLine("Per-run ratios (runs 1 / 2 / 3 …): messages/s ours ÷ theirs (higher is better for ours), server bytes allocated per message ours ÷ theirs (lower is better).");
            text.AppendLine();
            text.Append("| size | conns |");
            foreach ((string ours, string theirs) in options.Pairs)
            {
                text.Append(c, $" {ours} ÷ {theirs}: msg/s | {ours} ÷ {theirs}: B/msg |");
            }
            text.AppendLine();
            text.Append("|---:|---:|");
            text.Append(string.Concat(Enumerable.Repeat("---|---|", options.Pairs.Count)));
            text.AppendLine();
            foreach (int size in options.Sizes)
            {
                foreach (int connections in options.Connections)
                {
                    text.Append(c, $"| {SizeName(size)} | {connections} |");
                    foreach ((string ours, string theirs) in options.Pairs)
                    {
                        IEnumerable<(CellResult Ours, CellResult Theirs)> runs = Enumerable.Range(1, options.Repeats).Select(r =>
                            (Find(results, ours, size, connections, r), Find(results, theirs, size, connections, r)));
                        text.Append(' ').AppendJoin(" / ", runs.Select(p => (p.Ours.MessagesPerSecond / p.Theirs.MessagesPerSecond).ToString("F2", c)));
                        text.Append(" | ").AppendJoin(" / ", runs.Select(p => (p.Ours.AllocatedBytesPerMessage / p.Theirs.AllocatedBytesPerMessage).ToString("F2", c)));
                        text.Append(" |");
                    }
                    text.AppendLine();
                }
            }
            text.AppendLine();
        }

        for (int repeat = 1; repeat <= options.Repeats; repeat++)
        {
            text.AppendLine(c, $"Run {repeat}: messages/s, MB/s (payload bytes echoed, one direction, uncompressed size), server bytes allocated and server CPU µs per message.");
            text.AppendLine();
            text.Append("| size | conns |");
            foreach (LoadTarget target in options.Targets)
            {
                text.Append(c, $" {target.Name} |");
            }
            text.AppendLine();
            text.Append("|---:|---:|").Append(string.Concat(Enumerable.Repeat("---:|", options.Targets.Count))).AppendLine();
            foreach (int size in options.Sizes)
            {
                foreach (int connections in options.Connections)
                {
                    text.Append(c, $"| {SizeName(size)} | {connections} |");
                    foreach (LoadTarget target in options.Targets)
                    {
                        CellResult r = Find(results, target.Name, size, connections, repeat);
                        text.Append(c, $" {r.MessagesPerSecond:F0} msg/s, {r.MegabytesPerSecond:F1} MB/s, {r.AllocatedBytesPerMessage:F0} B, {r.CpuMicrosecondsPerMessage:F1} µs |");
                    }
                    text.AppendLine();
                }
            }
            text.AppendLine();
        }
        return text.ToString();
    }

    private static CellResult Find(List<CellResult> results, string target, int size, int connections, int repeat) =>
        results.Single(r => r.Target == target && r.Size == size && r.Connections == connections && r.Repeat == repeat);

    private static string SizeName(int size) => size switch
    {
        >= 1024 * 1024 when size % (1024 * 1024) == 0 => $"{size / (1024 * 1024)} MiB",
        >= 1024 when size % 1024 == 0 => $"{size / 1024} KiB",
        _ => $"{size} B",
    };
}
