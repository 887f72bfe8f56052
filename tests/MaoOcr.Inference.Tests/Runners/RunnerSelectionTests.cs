using MaoOcr.Inference.Batching;
using MaoOcr.Inference.Devices;
using MaoOcr.Inference.Pipeline;
using MaoOcr.Inference.Runners;
using MaoOcr.Inference.Tests.Support;
using MaoOcr.Testing;

namespace MaoOcr.Inference.Tests.Runners;

/// <summary>
/// The device picks the runner (direct on the CPU, batching on CUDA and TensorRT) unless the options name one, and both
/// runners read a page identically: the engine's results do not depend on the way to the models.
/// </summary>
[Collection(EngineGroup.Name)]
public sealed class RunnerSelectionTests(EngineFixture fixture)
{
    [Theory]
    [InlineData(ModelRunnerKind.Auto, InferenceDevice.Cpu, ModelRunnerKind.Direct)]
    [InlineData(ModelRunnerKind.Auto, InferenceDevice.Cuda, ModelRunnerKind.Batching)]
    [InlineData(ModelRunnerKind.Auto, InferenceDevice.TensorRt, ModelRunnerKind.Batching)]
    [InlineData(ModelRunnerKind.Direct, InferenceDevice.Cuda, ModelRunnerKind.Direct)]
    [InlineData(ModelRunnerKind.Batching, InferenceDevice.Cpu, ModelRunnerKind.Batching)]
    public void The_device_picks_the_runner_unless_one_is_named(ModelRunnerKind requested, InferenceDevice device, ModelRunnerKind expected)
        => Assert.Equal(expected, EngineRunners.KindFor(requested, device));

    [Fact]
    public void The_cpu_engine_runs_its_models_on_the_calling_thread()
    {
        OcrEngine engine = fixture.Engine;
        Assert.Equal(InferenceDevice.Cpu, engine.Device);
        Assert.Equal(ModelRunnerKind.Direct, engine.ModelRunner);
        Assert.Null(engine.Batching);
        Assert.IsType<DirectModelRunner>(engine.Detector.Model);
        Assert.IsType<DirectModelRunner>(engine.Recognizer.Model);
    }

    [Fact]
    public void Batching_named_on_the_cpu_batches_with_the_cpu_policy()
    {
        using OcrEngine engine = OcrEngine.Create(new OcrEngineOptions { Device = InferenceDevice.Cpu, ModelRunner = ModelRunnerKind.Batching });
        Assert.Equal(ModelRunnerKind.Batching, engine.ModelRunner);
        Assert.Equal(EngineBatching.ForCpu(), engine.Batching);
        Assert.IsType<BatchingModelRunner>(engine.Detector.Model);
        Assert.IsType<BatchingModelRunner>(engine.Recognizer.Model);
    }

    [Fact]
    public void Direct_and_batching_engines_read_pages_bit_identically()
    {
        (string[] Lines, RecognitionOptions Options)[] pages =
        [
            (["Invoice 2024-117", "Total due 381.50"], RecognitionOptions.Default),
            (["The quick brown fox", "jumps over the lazy dog"], new RecognitionOptions { Accuracy = RecognitionAccuracy.High }),
            (["Shipping address", "42 Harbour Road", "Port Elizabeth 6001"], new RecognitionOptions { Accuracy = RecognitionAccuracy.Fast, Language = RecognitionLanguage.English }),
        ];
        using OcrEngine batching = OcrEngine.Create(new OcrEngineOptions { Device = InferenceDevice.Cpu, ModelRunner = ModelRunnerKind.Batching });

        foreach ((string[] lines, RecognitionOptions options) in pages)
        {
            byte[] image = TextImageRenderer.RenderLines(lines).Bytes;
            RecognizedPage expected = batching.Recognize(image, options);
            RecognizedPage actual = fixture.Engine.Recognize(image, options);

            Assert.NotEmpty(actual.Lines);
            Assert.Equal((expected.Text, expected.Width, expected.Height), (actual.Text, actual.Width, actual.Height));
            Assert.Equal(expected.Lines.Count, actual.Lines.Count);
            for (int i = 0; i < expected.Lines.Count; i++)
            {
                RecognizedLine e = expected.Lines[i], a = actual.Lines[i];
                Assert.Equal(e.Text, a.Text);
                Assert.Equal(BitConverter.SingleToInt32Bits(e.Confidence), BitConverter.SingleToInt32Bits(a.Confidence));
                Assert.Equal(e.Box, a.Box);
            }
        }
    }
}
