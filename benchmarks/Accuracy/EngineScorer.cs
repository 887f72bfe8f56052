using MaoOcr.Testing;
using MaoOcr.Testing.Evaluation;

namespace MaoOcr.Benchmarks.Accuracy;

/// <summary>Scores an engine's run against the ground truth, per image and per group.</summary>
internal static class EngineScorer
{
    public const string AllGroups = "all";

    /// <summary>The report's row order: each category in each language, then everything.</summary>
    public static IReadOnlyList<string> GroupOrder { get; } =
    [
        "page-en", "page-zh", "photo-en", "photo-zh", "screenshot-en", "screenshot-zh", AllGroups,
    ];

    /// <exception cref="InvalidOperationException">The run does not cover exactly the evaluation images.</exception>
    public static EngineResults Score(EngineRun run, IReadOnlyList<EvaluationImage> images)
    {
        Dictionary<string, ImageRun> byFile = run.Images.ToDictionary(r => r.FileName, StringComparer.Ordinal);
        var expected = images.Select(i => i.FileName).ToHashSet(StringComparer.Ordinal);
        if (!expected.SetEquals(byFile.Keys))
        {
            string extra = string.Join(", ", byFile.Keys.Except(expected));
            string missing = string.Join(", ", expected.Except(byFile.Keys));
            throw new InvalidOperationException($"{run.Engine} did not read exactly the evaluation images (missing: [{missing}], extra: [{extra}]).");
        }

        var results = new List<ImageResult>(images.Count);
        foreach (EvaluationImage image in images)
        {
            ImageRun imageRun = byFile[image.FileName];
            PageScore score = TextMetrics.ScorePage(image.Image.Lines, imageRun.Lines);
            results.Add(new ImageResult(
                image.FileName,
                image.Group,
                Math.Round(imageRun.Ms, 2),
                imageRun.InferenceMs is double inference ? Math.Round(inference, 2) : null,
                Math.Round(score.Cer, 5),
                score.Edits,
                score.Characters,
                score.TruthLines,
                score.RecalledLines,
                score.PredictedLines,
                score.UnmatchedPredictedLines,
                imageRun.Error,
                imageRun.Lines.Select(l => new JsonLine(l.Text, EvaluationWriter.ToJson(l.Box))).ToList()));
        }

        var groups = new List<GroupFigures>();
        foreach (string group in GroupOrder)
        {
            List<ImageResult> members = group == AllGroups ? results : results.Where(r => r.Group == group).ToList();
            if (members.Count > 0)
            {
                groups.Add(Figures(group, members));
            }
        }
        return new EngineResults(run.Engine, run.Runtime, groups, results);
    }

    // Mean CER caps each image at 1 so one unreadable image counts as "nothing right", not more.
    // Overall CER is uncapped: total edits over total characters. Line recall pools lines across images.
    private static GroupFigures Figures(string group, List<ImageResult> members)
    {
        double totalMs = members.Sum(m => m.Ms);
        bool hasInference = members.All(m => m.InferenceMs is not null);
        double? outside = hasInference && totalMs > 0 ? (totalMs - members.Sum(m => m.InferenceMs!.Value)) / totalMs : null;
        int characters = members.Sum(m => m.Characters);
        int truthLines = members.Sum(m => m.TruthLines);
        return new GroupFigures(
            group,
            members.Count,
            members.Count(m => m.Error is not null),
            MeanCer: members.Average(m => Math.Min(1.0, m.Cer)),
            OverallCer: characters == 0 ? 0 : (double)members.Sum(m => m.Edits) / characters,
            LineRecall: truthLines == 0 ? 1 : (double)members.Sum(m => m.RecalledLines) / truthLines,
            ImagesPerSecond: totalMs > 0 ? members.Count / (totalMs / 1000) : 0,
            MeanMs: totalMs / members.Count,
            OutsideOrtShare: outside);
    }
}
