using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using MaoOcr.Inference.Batching;
using MaoOcr.Inference.Models;
using MaoOcr.Inference.Onnx;
using MaoOcr.Inference.Recognition;
using MaoOcr.Inference.Runners;

namespace MaoOcr.Benchmarks.Pipeline;

/// <summary>
/// What the batching runner costs one request on the CPU with <see cref="EngineBatching.ForCpu"/> (no wait, a
/// runner per core): one recognition group of 6 crops at the training width, through the
/// <see cref="DirectModelRunner"/> (the session run on the calling thread) against through the
/// <see cref="BatchingModelRunner"/> (thread hand-off, batch bookkeeping, result routing). The ratio column is
/// the latency the batching adds. Recognition is the shortest model run, so the overhead shows most.
/// </summary>
public class BatchingOverheadBenchmarks
{
    private const int Crops = 6;
    private static readonly TensorRowShape s_row = new(3, RecognitionBatches.Height, 320);

    private DirectModelRunner _direct = null!;
    private BatchingModelRunner _batched = null!;
    private float[] _crops = null!;

    [GlobalSetup]
    public void Setup()
    {
        ModelPaths models = new ModelStore().Resolve();
        OrtRuntime runtime = OrtRuntime.Load();
        _direct = new DirectModelRunner(OrtSession.Create(runtime, models.Recognition, new SessionConfig()));
        _batched = new BatchingModelRunner("benchmark", OrtSession.Create(runtime, models.Recognition, new SessionConfig()), EngineBatching.ForCpu().Recognition);
        var random = new Random(42);
        _crops = new float[Crops * s_row.Elements];
        for (int i = 0; i < _crops.Length; i++)
        {
            _crops[i] = (float)((random.NextDouble() * 2) - 1);
        }
    }

    /// <summary>
    /// The same two calls interleaved (direct, batching, batching, direct, ...) for <paramref name="pairs"/> pairs, so
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
                bench.Batched();
            }
            var direct = new double[pairs];
            var scheduled = new double[pairs];
            for (int i = 0; i < pairs; i++)
            {
                bool directFirst = i % 2 == 0;
                double first = Time(directFirst ? bench.Direct : bench.Batched);
                double second = Time(directFirst ? bench.Batched : bench.Direct);
                direct[i] = directFirst ? first : second;
                scheduled[i] = directFirst ? second : first;
            }
            double d = Median(direct), s = Median(scheduled);
            output.WriteLine($"pairs {pairs}: DirectModelRunner.Run median {d:F2} ms, BatchingModelRunner.Run median {s:F2} ms, ratio {s / d:F3}");
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

    [Benchmark(Baseline = true, Description = "DirectModelRunner.Run, 6 crops × 48×320")]
    public float Direct() => RunOnce(_direct);

    [Benchmark(Description = "BatchingModelRunner.Run (EngineBatching.ForCpu), same input")]
    public float Batched() => RunOnce(_batched);

    private float RunOnce(IModelRunner runner)
    {
        // The runner owns the input from here on.
        TensorBuffer input = TensorBufferPool.Shared.Rent(_crops.Length);
        _crops.CopyTo(input.Span);
        using ModelOutput output = runner.Run(input, Crops, s_row, CancellationToken.None);
        return output.Data[0];
    }
}
