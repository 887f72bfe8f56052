using System.Diagnostics;
using MaoOcr.Inference.Pipeline;
using MaoOcr.Testing.Documents;

namespace MaoOcr.Benchmarks.Pipeline;

/// <summary>
/// What <see cref="RecognitionOptions.DetectPageOrientation"/> costs on the stage benchmarks' document page: the
/// upright page with the option off and on, and the page turned 90° and 180° with it on, interleaved round by
/// round (the order rotating) so drift on a shared machine falls on every case alike. Medians of whole Recognize calls.
/// </summary>
public static class OrientationCost
{
    public static void Run(int rounds, TextWriter output)
    {
        byte[] upright = PipelineInputs.Instance.Png;
        (string Name, byte[] Image, RecognitionOptions Options)[] cases =
        [
            ("upright, option off", upright, RecognitionOptions.Default),
            ("upright, option on", upright, new RecognitionOptions { DetectPageOrientation = true }),
            ("turned 90° cw, option on", QuarterTurns.Rotate(PipelineInputs.Instance.Page, 90).Bytes, new RecognitionOptions { DetectPageOrientation = true }),
            ("turned 180°, option on", QuarterTurns.Rotate(PipelineInputs.Instance.Page, 180).Bytes, new RecognitionOptions { DetectPageOrientation = true }),
        ];
        using OcrEngine engine = OcrEngine.Create(new OcrEngineOptions());
        engine.WarmUp();
        foreach ((_, byte[] image, RecognitionOptions options) in cases)
        {
            engine.Recognize(image, options);
        }

        var times = new double[cases.Length][];
        // The orientation step runs inside the detection stage's timing, so that stage shows its cost apart from the rest.
        var detection = new double[cases.Length][];
        var rotations = new int[cases.Length];
        for (int c = 0; c < cases.Length; c++)
        {
            times[c] = new double[rounds];
            detection[c] = new double[rounds];
        }
        for (int r = 0; r < rounds; r++)
        {
            for (int k = 0; k < cases.Length; k++)
            {
                int c = (r + k) % cases.Length;
                long start = Stopwatch.GetTimestamp();
                RecognizedPage page = engine.Recognize(cases[c].Image, cases[c].Options);
                times[c][r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                rotations[c] = page.Rotation;
                detection[c][r] = page.Timings.DetectionMs;
            }
        }

        double baseline = Median(times[0]), baselineDetection = Median(detection[0]);
        output.WriteLine($"{engine.Device}, {rounds} rounds, page {PipelineInputs.Instance.Image.Width}×{PipelineInputs.Instance.Image.Height}");
        for (int c = 0; c < cases.Length; c++)
        {
            double median = Median(times[c]);
            double stage = Median(detection[c]);
            // Minima too: on a shared machine the least-disturbed run is the closest to the work itself.
            output.WriteLine($"{cases[c].Name,-26} Rotation {rotations[c],3}  median {median,8:F1} ms  ratio {median / baseline:F2}  min {times[c].Min(),8:F1} ms  ratio {times[c].Min() / times[0].Min():F2}"
                + $"  detection stage median {stage,7:F1} ms (+{stage - baselineDetection:F1})  min {detection[c].Min(),7:F1} ms (+{detection[c].Min() - detection[0].Min():F1})");
        }
    }

    private static double Median(double[] values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
