using MaoOcr.Appliance.Configuration;
using MaoOcr.Inference.Batching;
using MaoOcr.Inference.Devices;
using MaoOcr.Inference.Onnx;
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

    [Fact]
    public void Tensorrt_settings_map_to_the_tensorrt_provider_on_the_same_device_as_cuda()
    {
        OcrEngineOptions options = new InferenceSettings
        {
            Device = "tensorrt",
            CudaDeviceId = 1,
            TensorRtCacheDirectory = "/var/lib/maoocr/engines",
            TensorRtFp16 = true,
            TensorRtWorkspaceMb = 1024,
            TensorRtMaxRecognitionWidth = 1600,
        }.ToEngineOptions();

        Assert.Equal(InferenceDevice.TensorRt, options.Device);
        Assert.Equal(1, options.TensorRt.DeviceId);
        Assert.Equal(1, options.Cuda.DeviceId);
        Assert.Equal("/var/lib/maoocr/engines", options.TensorRt.EngineCacheDirectory);
        Assert.True(options.TensorRt.Fp16);
        Assert.Equal(1024L * 1024 * 1024, options.TensorRt.MaxWorkspaceBytes);
        Assert.Equal(1600, options.TensorRtMaxRecognitionWidth);
    }

    [Fact]
    public void Tensorrt_defaults_keep_engines_in_the_state_folder_in_fp32_with_tensorrts_own_workspace()
    {
        OcrEngineOptions options = new InferenceSettings().ToEngineOptions();

        Assert.Equal(TensorRtEngineCache.DefaultDirectory(), options.TensorRt.EngineCacheDirectory);
        Assert.False(options.TensorRt.Fp16);
        Assert.Null(options.TensorRt.MaxWorkspaceBytes);
        Assert.Equal(new OcrEngineOptions().TensorRtMaxRecognitionWidth, options.TensorRtMaxRecognitionWidth);
    }

    [Fact]
    public void Gpu_batching_defaults_are_the_engines_own()
    {
        EngineBatching mapped = new InferenceSettings().ToEngineOptions().GpuBatching;
        EngineBatching engine = EngineBatching.ForGpu();

        Assert.Equal(engine.DetectionBuckets.Sides, mapped.DetectionBuckets.Sides);
        Assert.Equal(engine.RecognitionWidthStep, mapped.RecognitionWidthStep);
        Assert.Equal(engine.Detection, mapped.Detection);
        Assert.Equal(engine.Classification, mapped.Classification);
        Assert.Equal(engine.Recognition, mapped.Recognition);
    }

    [Fact]
    public void Gpu_batching_settings_map_to_the_engines_batching()
    {
        EngineBatching batching = new InferenceSettings
        {
            DetectionBuckets = "640, 960,1280",
            RecognitionWidthStep = 64,
            GpuDetectionMaxBatch = 4,
            GpuRecognitionMaxBatch = 48,
            GpuBatchRunners = 3,
        }.ToEngineOptions().GpuBatching;

        Assert.Equal([640, 960, 1280], batching.DetectionBuckets.Sides);
        Assert.Equal(64, batching.RecognitionWidthStep);
        Assert.Equal((4, 3), (batching.Detection.MaxBatch, batching.Detection.Runners));
        Assert.Equal((48, 3), (batching.Recognition.MaxBatch, batching.Recognition.Runners));
        Assert.Equal((48, 3), (batching.Classification.MaxBatch, batching.Classification.Runners));
        Assert.Empty(new InferenceSettings { DetectionBuckets = "none" }.ToEngineOptions().GpuBatching.DetectionBuckets.Sides);
    }

    [Theory]
    [InlineData(nameof(InferenceSettings.DetectionBuckets), "320,500")]
    [InlineData(nameof(InferenceSettings.DetectionBuckets), "big")]
    [InlineData(nameof(InferenceSettings.RecognitionWidthStep), "100")]
    [InlineData(nameof(InferenceSettings.GpuBatchRunners), "0")]
    [InlineData(nameof(InferenceSettings.TensorRtWorkspaceMb), "-1")]
    public void A_bad_gpu_setting_is_refused_naming_it(string setting, string value)
    {
        var settings = new InferenceSettings();
        System.Reflection.PropertyInfo property = typeof(InferenceSettings).GetProperty(setting)!;
        property.SetValue(settings, Convert.ChangeType(value, property.PropertyType, System.Globalization.CultureInfo.InvariantCulture));

        ArgumentException e = Assert.Throws<ArgumentException>(() => settings.ToEngineOptions());

        Assert.Contains($"Inference:{setting}", e.Message, StringComparison.Ordinal);
    }
}
