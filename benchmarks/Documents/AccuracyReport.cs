using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace MaoOcr.Benchmarks.Documents;

/// <summary>The accuracy mode's Markdown: one row per case, input and engine, then each engine's means per input.</summary>
internal static class AccuracyReport
{
    private static readonly CultureInfo s_c = CultureInfo.InvariantCulture;

    public static string Build(DocumentOptions options, IReadOnlyList<CaseOutcome> outcomes, string? peerEngine)
    {
        var text = new StringBuilder();
        text.AppendLine(s_c, $"Document cases: {options.Count} page(s) per case (text layer: at least 3), seed {options.Seed}; accuracy {options.Accuracy}; ORT threads {(options.Threads == 0 ? "default" : options.Threads.ToString(s_c))}; {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}.");
        if (peerEngine is not null)
        {
            text.AppendLine(s_c, $"Peer: {peerEngine}, image cases only.");
        }
        text.AppendLine();
        text.AppendLine("| Case | Input | Engine | Pages | CER (mean) | Reading order | Rotation found | Pages/s |");
        text.AppendLine("|---|---|---|--:|--:|--:|---|--:|");
        foreach (CaseOutcome o in outcomes.OrderBy(o => o.Case.Name, StringComparer.Ordinal).ThenBy(o => o.Case.Input).ThenBy(o => EngineRank(o.Engine)))
        {
            string pages = o.Errors > 0 ? $"{o.Pages.Count} ({o.Errors} failed)" : o.Pages.Count.ToString(s_c);
            text.AppendLine(s_c, $"| {o.Case.Name} | {InputName(o.Case.Input)} | {o.Engine} | {pages} | {Percent(o.MeanCer)} | {Percent(o.MeanReadingOrder)} | {Rotations(o)} | {o.PagesPerSecond:F2} |");
        }
        text.AppendLine();
        text.AppendLine("Means over every page of an input (the cases pooled):");
        text.AppendLine();
        text.AppendLine("| Input | Engine | Pages | CER (mean) | Reading order | Rotation right | Pages/s |");
        text.AppendLine("|---|---|--:|--:|--:|--:|--:|");
        foreach (var group in outcomes.GroupBy(o => (o.Case.Input, o.Engine)).OrderBy(g => g.Key.Input).ThenBy(g => EngineRank(g.Key.Engine)))
        {
            List<PageOutcome> pages = group.SelectMany(o => o.Pages).ToList();
            double seconds = group.Sum(o => o.Seconds);
            List<PageOutcome> turned = pages.Where(p => p.Rotation is not null).ToList();
            string rotation = turned.Count == 0 ? "—" : $"{turned.Count(p => p.Rotation == p.ExpectedRotation)}/{turned.Count}";
            text.AppendLine(s_c, $"| {InputName(group.Key.Input)} | {group.Key.Engine} | {pages.Count} | {Percent(pages.Average(p => Math.Min(1, p.Cer)))} | {Percent(pages.Average(p => p.ReadingOrder))} | {rotation} | {(seconds > 0 ? pages.Count / seconds : 0):F2} |");
        }
        text.AppendLine();
        text.AppendLine("CER (mean): TextMetrics.ScorePage per page (overlapping lines grouped, whitespace ignored), capped at 100%, averaged.");
        text.AppendLine("Reading order: TextMetrics.ReadingOrderAccuracy of the engine's line order against the drawn order (share of truth successors read next).");
        text.AppendLine("Rotation found: pages whose reported rotation puts them upright / pages, and the rotations reported; — where the engine reports none.");
        text.AppendLine("Pages/s: pages over the wall time of the pass; for a PDF it includes opening it (pdfinfo, pdftotext) and rendering (pdftoppm).");
        return text.ToString();
    }

    private static string Rotations(CaseOutcome o)
    {
        List<PageOutcome> reported = o.Pages.Where(p => p.Rotation is not null).ToList();
        if (reported.Count == 0)
        {
            return "—";
        }
        string found = string.Join(", ", reported.Select(p => p.Rotation!.Value).Distinct().Order().Select(r => r.ToString(s_c) + "°"));
        return $"{reported.Count(p => p.Rotation == p.ExpectedRotation)}/{reported.Count} ({found})";
    }

    private static int EngineRank(string engine) => engine switch
    {
        OurDocumentRunner.DocumentMode => 0,
        OurDocumentRunner.LineMode => 1,
        _ => 2,
    };

    private static string InputName(CaseInput input) => input switch
    {
        CaseInput.Image => "image",
        CaseInput.ScannedPdf => "scanned PDF",
        _ => "text-layer PDF",
    };

    private static string Percent(double fraction) => (fraction * 100).ToString("F1", s_c) + "%";
}
