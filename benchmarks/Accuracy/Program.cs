using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using MaoOcr.Benchmarks.Accuracy;
using MaoOcr.Testing.Evaluation;

// maoocr-accuracy: generates the evaluation set, runs MaoOCR and the peer on the same files, prints a Markdown
// table and writes results.json and report.md. Progress goes to stderr, the table to stdout. See README.md.

AccuracyOptions? options = AccuracyOptions.Parse(args, out string? error);
if (options is null)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(AccuracyOptions.Usage);
    return 2;
}

TextWriter log = Console.Error;
try
{
    string root = RepositoryPaths.FindRoot();
    string output = Path.GetFullPath(options.OutputDirectory ?? Path.Combine(root, "artifacts", "eval"));
    Directory.CreateDirectory(output);

    long started = Stopwatch.GetTimestamp();
    IReadOnlyList<EvaluationImage> images = EvaluationSet.Generate(options.Seed, options.Count);
    IReadOnlyList<string> files = EvaluationWriter.Write(images, output);
    log.WriteLine($"generated {images.Count} images into {EvaluationWriter.ImagesDirectory(output)} in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
    if (options.ImagesOnly)
    {
        return 0;
    }

    var runs = new List<EngineRun>
    {
        OurEngineRunner.Run(files, options, images.SelectMany(i => i.Image.Lines).Select(l => l.Text).ToList(), log),
    };
    if (options.RunPeer)
    {
        string peerDirectory = Path.GetFullPath(options.PeerDirectory ?? Path.Combine(root, "benchmarks", "peer"));
        runs.Add(PeerRunner.Run(peerDirectory, EvaluationWriter.ImagesDirectory(output), options.Threads, log));
    }

    var results = new ResultsFile(
        options.Seed,
        options.Count,
        options.Threads,
        options.Accuracy.ToString(),
        $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}",
        runs.Select(r => EngineScorer.Score(r, images)).ToList());

    string report = MarkdownReport.Build(results);
    File.WriteAllText(Path.Combine(output, "results.json"), JsonSerializer.Serialize(results, AccuracyJsonContext.Default.ResultsFile));
    File.WriteAllText(Path.Combine(output, "report.md"), report);
    Console.Out.Write(report);
    log.WriteLine($"wrote {Path.Combine(output, "results.json")} and report.md");
    return 0;
}
catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or MaoOcr.Testing.MissingTestFontException)
{
    log.WriteLine($"maoocr-accuracy: {e.Message}");
    return 1;
}
