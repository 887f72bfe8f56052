using System.Runtime.InteropServices;
using MaoOcr.Inference.Batching;
using MaoOcr.Inference.Onnx;
using MaoOcr.Inference.Runners;
using MaoOcr.Inference.Tests.Support;

namespace MaoOcr.Inference.Tests.Runners;

/// <summary>
/// The two runners on the real models: a call the batching runner runs alone gives, bit for bit, what the
/// direct runner gives; and the direct runner keeps the runners' contract on its input.
/// </summary>
public sealed class ModelRunnerTests
{
    public static TheoryData<string, int, int, int, int> Models => new()
    {
        // Model, rows, channels, height, width: one padded page, a classifier batch, a recognition group.
        { "detection", 1, 3, 640, 480 },
        { "classifier", 6, 3, 48, 192 },
        { "recognition", 6, 3, 48, 320 },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Direct_runner_output_is_bit_identical_to_the_batching_runners(string model, int rows, int channels, int height, int width)
    {
        string path = model switch
        {
            "detection" => RealModels.Paths.Detection,
            "classifier" => RealModels.Paths.Classifier,
            _ => RealModels.Paths.Recognition,
        };
        var row = new TensorRowShape(channels, height, width);
        float[] values = Noise(rows * row.Elements, seed: 7);
        OrtRuntime runtime = OrtRuntime.Load();
        using var direct = new DirectModelRunner(OrtSession.Create(runtime, path, new SessionConfig()));
        using var batching = new BatchingModelRunner(model, OrtSession.Create(runtime, path, new SessionConfig()), EngineBatching.ForCpu().Recognition);

        using ModelOutput expected = batching.Run(Rent(values), rows, row, CancellationToken.None);
        using ModelOutput actual = direct.Run(Rent(values), rows, row, CancellationToken.None);

        Assert.Equal(expected.Shape, actual.Shape);
        Assert.True(MemoryMarshal.AsBytes(expected.Data).SequenceEqual(MemoryMarshal.AsBytes(actual.Data)), $"{model}: the outputs differ");
    }

    [Fact]
    public async Task Direct_runner_returns_its_input_to_the_pool_after_the_run_and_when_it_refuses_it()
    {
        var row = new TensorRowShape(3, 48, 320);
        using var direct = new DirectModelRunner(OrtSession.Create(OrtRuntime.Load(), RealModels.Paths.Recognition, new SessionConfig()));
        var pool = new TensorBufferPool();

        TensorBuffer input = pool.Rent(row.Elements);
        input.Span.Clear();
        Task<ModelOutput> submitted = direct.Submit(input, 1, row, CancellationToken.None);
        // The direct runner has run the call by the time Submit returns.
        Assert.True(submitted.IsCompletedSuccessfully);
        (await submitted).Dispose();
        using (TensorBuffer again = pool.Rent(row.Elements))
        {
            Assert.Same(input.Array, again.Array);
        }

        TensorBuffer wrong = pool.Rent(row.Elements);
        Assert.Throws<ArgumentOutOfRangeException>(() => direct.Run(wrong, 2, row, CancellationToken.None));
        using TensorBuffer reused = pool.Rent(row.Elements);
        Assert.Same(wrong.Array, reused.Array);
    }

    [Fact]
    public void Direct_runner_refuses_a_cancelled_call_before_running_it()
    {
        var row = new TensorRowShape(3, 48, 320);
        using var direct = new DirectModelRunner(OrtSession.Create(OrtRuntime.Load(), RealModels.Paths.Recognition, new SessionConfig()));
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => direct.Run(TensorBufferPool.Shared.Rent(row.Elements), 1, row, cancel.Token));
    }

    private static float[] Noise(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }
        return values;
    }

    private static TensorBuffer Rent(float[] values)
    {
        TensorBuffer buffer = TensorBufferPool.Shared.Rent(values.Length);
        values.CopyTo(buffer.Span);
        return buffer;
    }
}
