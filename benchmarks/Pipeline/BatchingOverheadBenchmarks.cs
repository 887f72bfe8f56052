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
