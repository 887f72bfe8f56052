using MaoOcr.Appliance.Configuration;
using MaoOcr.Inference.Devices;
using MaoOcr.Inference.Onnx;
using MaoOcr.Inference.Pipeline;
using MaoOcr.Inference.Runners;

namespace MaoOcr.Appliance.Tests.Configuration;

/// <summary>The "Inference" section becomes engine options; a bad value is refused naming the setting.</summary>
public sealed class InferenceOptionsMappingTests
{
    [Theory]
    [InlineData("tpu")]
    [InlineData("cuda:0")]
    public void Unknown_device_is_refused_naming_the_setting_and_the_choices(string text)
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => new InferenceSettings { Device = text }.ToEngineOptions());
        Assert.Contains("Inference:Device", e.Message, StringComparison.Ordinal);
        Assert.Contains(InferenceDeviceParser.Accepted, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_map_to_cuda_provider_options()
    {
        OcrEngineOptions options = new InferenceSettings { Device = "cuda", CudaDeviceId = 1, GpuMemoryLimitMb = 2048, CudnnConvAlgoSearch = "default", BatchMaxWaitMs = 4 }.ToEngineOptions();
        Assert.Equal(InferenceDevice.Cuda, options.Device);
        Assert.Equal(1, options.Cuda.DeviceId);
        Assert.Equal(CudnnConvAlgoSearch.Default, options.Cuda.ConvAlgoSearch);
        Assert.Equal(2048L * 1024 * 1024, options.Cuda.GpuMemoryLimitBytes);
        Assert.Equal(TimeSpan.FromMilliseconds(4), options.BatchMaxWait);
        Assert.Throws<ArgumentException>(() => new InferenceSettings { CudnnConvAlgoSearch = "fastest" }.ToEngineOptions());
    }

    [Fact]
    public void Cuda_io_binding_is_off_unless_switched_on()
    {
        Assert.True(new InferenceSettings { Device = "cuda", CudaIoBinding = true }.ToEngineOptions().CudaIoBinding);
        Assert.False(new InferenceSettings { Device = "cuda" }.ToEngineOptions().CudaIoBinding);
    }

    [Theory]
    [InlineData("auto", ModelRunnerKind.Auto)]
    [InlineData("", ModelRunnerKind.Auto)]
    [InlineData(" Direct ", ModelRunnerKind.Direct)]
    [InlineData("batching", ModelRunnerKind.Batching)]
    public void The_model_runner_setting_maps_to_the_engine_option(string text, ModelRunnerKind expected)
        => Assert.Equal(expected, new InferenceSettings { ModelRunner = text }.ToEngineOptions().ModelRunner);

    [Fact]
    public void An_unknown_model_runner_is_refused_naming_the_setting()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => new InferenceSettings { ModelRunner = "queue" }.ToEngineOptions());
        Assert.Contains("Inference:ModelRunner", e.Message, StringComparison.Ordinal);
    }
}
