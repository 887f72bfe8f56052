using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using MaoOcr.Inference.Batching;
using MaoOcr.Inference.Models;
using MaoOcr.Inference.Onnx;
using MaoOcr.Inference.Recognition;

namespace MaoOcr.Benchmarks.Pipeline;

/// <summary>
/// What the cross-request scheduler costs one request on the CPU with its CPU defaults (no wait, a runner per
/// core): one recognition group of 6 crops at the training width, straight through the session against
/// through the <see cref="SessionBatcher"/> (thread hand-off, batch bookkeeping, result routing). The ratio
/// column is the latency the scheduler adds. Recognition is the shortest model run, so the overhead shows most.
/// </summary>
public class BatchingOverheadBenchmarks
{
    private const int Crops = 6;
    private static readonly TensorRowShape s_row = new(3, RecognitionBatches.Height, 320);

    private OrtSession _direct = null!;
    private SessionBatcher _batched = null!;
    private float[] _crops = null!;

    [GlobalSetup]
    public void Setup()
    {
        ModelPaths models = new ModelStore().Resolve();
        OrtRuntime runtime = OrtRuntime.Load();
        _direct = OrtSession.Create(runtime, models.Recognition, new SessionConfig());
        _batched = new SessionBatcher("benchmark", OrtSession.Create(runtime, models.Recognition, new SessionConfig()), BatchingOptions.ForCpu().Recognition);
        var random = new Random(42);
        _crops = new float[Crops * s_row.Elements];
        for (int i = 0; i < _crops.Length; i++)
        {
            _crops[i] = (float)((random.NextDouble() * 2) - 1);
        }
    }

    /// <summary>
    /// The same two calls interleaved (direct, scheduler, scheduler, direct, ...) for <paramref name="pairs"/> pairs, so
    /// both sides see the same load on a shared machine; prints each side's median and the ratio of medians.
    /// BenchmarkDotNet runs one side after the other, which on a busy machine measures the neighbours instead.
    /// </summary>
    public static void RunInterleaved(int pairs, TextWriter output)
    {
        var bench = new BatchingOverheadBenchmarks();
        bench.Setup();
        try
        {
            for (int i = 0; i < 5; i++)
            {
                bench.Direct();
                bench.ThroughScheduler();
            }
            var direct = new double[pairs];
            var scheduled = new double[pairs];
            for (int i = 0; i < pairs; i++)
            {
                bool directFirst = i % 2 == 0;
                double first = Time(directFirst ? bench.Direct : bench.ThroughScheduler);
                double second = Time(directFirst ? bench.ThroughScheduler : bench.Direct);
                direct[i] = directFirst ? first : second;
                scheduled[i] = directFirst ? second : first;
            }
            double d = Median(direct), s = Median(scheduled);
            output.WriteLine($"pairs {pairs}: session.Run median {d:F2} ms, SessionBatcher.Run median {s:F2} ms, ratio {s / d:F3}");
        }
        finally
        {
            bench.Cleanup();
        }
    }

    private static double Time(Func<float> call)
    {
        long start = Stopwatch.GetTimestamp();
        call();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double Median(double[] values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _direct.Dispose();
        _batched.Dispose();
    }

    [Benchmark(Baseline = true, Description = "session.Run, 6 crops × 48×320")]
    public float Direct()
    {
        using TensorBuffer input = TensorBufferPool.Shared.Rent(_crops.Length);
        _crops.CopyTo(input.Span);
        using OrtTensor output = _direct.Run(input, [Crops, s_row.Channels, s_row.Height, s_row.Width]);
        return output.Data[0];
    }

    [Benchmark(Description = "SessionBatcher.Run (CPU defaults), same input")]
    public float ThroughScheduler()
    {
        TensorBuffer input = TensorBufferPool.Shared.Rent(_crops.Length);
        _crops.CopyTo(input.Span);
        using BatchOutput output = _batched.Run(input, Crops, s_row, CancellationToken.None);
        return output.Data[0];
    }
}
