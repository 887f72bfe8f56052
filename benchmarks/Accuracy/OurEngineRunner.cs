using System.Diagnostics;
using System.Reflection;
using MaoOcr.Inference.Pipeline;
using MaoOcr.Testing;

namespace MaoOcr.Benchmarks.Accuracy;

/// <summary>Runs MaoOCR's engine in process: one warm-up, then each image in turn, timing only the recognise call.</summary>
internal static class OurEngineRunner
{
    public static EngineRun Run(IReadOnlyList<string> files, AccuracyOptions options, IReadOnlyList<string> truthTexts, TextWriter log)
    {
        var engineOptions = new OcrEngineOptions { IntraOpThreads = options.Threads };
        if (options.CropPadding is float padding)
        {
            engineOptions.RecognitionCropPadding = padding;
        }
        if (options.WidthScale is float scale)
        {
            engineOptions.RecognitionWidthScale = scale;
        }
        using OcrEngine engine = OcrEngine.Create(engineOptions);
        WarnAboutDictionary(engine.Models.Dictionary, truthTexts, log);
        var request = new RecognitionOptions { Accuracy = options.Accuracy };

        engine.Recognize(File.ReadAllBytes(files[0]), request);

        var runs = new List<ImageRun>(files.Count);
        foreach (string file in files)
        {
            byte[] bytes = File.ReadAllBytes(file);
            long started = Stopwatch.GetTimestamp();
            try
            {
                RecognizedPage result = engine.Recognize(bytes, request);
                double ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var lines = result.Lines.Select(l => new PredictedLine(l.Text, ToQuad(l.Box))).ToList();
                runs.Add(new ImageRun(Path.GetFileName(file), ms, result.Timings.InferenceMs, lines, null));
                log.WriteLine($"maoocr: {Path.GetFileName(file)} {ms:F0} ms, {lines.Count} line(s)");
            }
            catch (OcrImageException e)
            {
                runs.Add(new ImageRun(Path.GetFileName(file), Stopwatch.GetElapsedTime(started).TotalMilliseconds, null, [], e.Message));
                log.WriteLine($"maoocr: {Path.GetFileName(file)} failed: {e.Message}");
            }
        }

        string version = typeof(OcrEngine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        return new EngineRun($"MaoOCR Edge {version.Split('+')[0]}", $"onnxruntime {engine.RuntimeVersion}", runs);
    }

    private static Quad ToQuad(IReadOnlyList<ImagePoint> box) => box.Count == 4
        ? new Quad(new PixelPoint(box[0].X, box[0].Y), new PixelPoint(box[1].X, box[1].Y), new PixelPoint(box[2].X, box[2].Y), new PixelPoint(box[3].X, box[3].Y))
        : throw new InvalidOperationException($"The engine returned a box with {box.Count} corners.");

    // The set is written to be fully readable; a character outside the recogniser's dictionary would make a
    // perfect score impossible and should be fixed in the corpus.
    private static void WarnAboutDictionary(string dictionaryPath, IReadOnlyList<string> truthTexts, TextWriter log)
    {
        var known = new HashSet<string>(File.ReadAllLines(dictionaryPath), StringComparer.Ordinal);
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string text in truthTexts)
        {
            foreach (System.Text.Rune rune in text.EnumerateRunes())
            {
                string s = rune.ToString();
                if (!System.Text.Rune.IsWhiteSpace(rune) && !known.Contains(s))
                {
                    missing.Add(s);
                }
            }
        }
        if (missing.Count > 0)
        {
            log.WriteLine($"warning: ground truth has {missing.Count} character(s) outside the recognition dictionary: {string.Concat(missing)}");
        }
    }
}
