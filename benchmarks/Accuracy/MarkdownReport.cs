using System.Globalization;
using System.Text;

namespace MaoOcr.Benchmarks.Accuracy;

/// <summary>The results as a Markdown table: one row per group and engine, engines side by side within a group.</summary>
internal static class MarkdownReport
{
    public static string Build(ResultsFile results)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"Evaluation set: {results.Count} images, seed {results.Seed}; accuracy {results.Accuracy}; ORT threads {(results.Threads == 0 ? "default" : results.Threads.ToString(c))}; {results.Machine}.");
        text.AppendLine();
        foreach (EngineResults engine in results.Engines)
        {
            text.AppendLine(c, $"- {engine.Engine} on {engine.Runtime}");
        }
        text.AppendLine();
        text.AppendLine("| Group | Engine | Images | CER (mean) | CER (overall) | Line recall | Images/s | Mean ms/image | Outside ORT Run |");
        text.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|");
        foreach (string group in EngineScorer.GroupOrder)
        {
            foreach (EngineResults engine in results.Engines)
            {
                GroupFigures? f = engine.Groups.FirstOrDefault(g => g.Group == group);
                if (f is null)
                {
                    continue;
                }
                string images = f.Errors > 0 ? $"{f.Images} ({f.Errors} failed)" : f.Images.ToString(c);
                string outside = f.OutsideOrtShare is double share ? Percent(share, 1) : "n/a";
                string name = group == EngineScorer.AllGroups ? "**all**" : group;
                text.AppendLine(c, $"| {name} | {ShortName(engine.Engine)} | {images} | {Percent(f.MeanCer, 2)} | {Percent(f.OverallCer, 2)} | {Percent(f.LineRecall, 1)} | {f.ImagesPerSecond:F2} | {f.MeanMs:F0} | {outside} |");
            }
        }
        text.AppendLine();
        text.AppendLine("CER (mean): mean over images of the page CER, each capped at 100%. CER (overall): all edits / all ground-truth characters.");
        text.AppendLine("Page CER groups overlapping truth and predicted lines, compares each group's text in reading order, and counts missed and invented lines in full; whitespace is ignored.");
        text.AppendLine("Line recall: truth lines whose matched prediction has CER <= 20%. Outside ORT Run: share of wall time not spent in ORT's Run (MaoOCR only).");
        return text.ToString();
    }

    private static string Percent(double fraction, int decimals) =>
        (fraction * 100).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%";

    private static string ShortName(string engine) => engine.Split(' ')[0] == "MaoOCR" ? "MaoOCR" : engine;
}
