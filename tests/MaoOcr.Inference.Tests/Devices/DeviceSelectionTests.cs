using MaoOcr.Inference.Devices;
using MaoOcr.Inference.Onnx;
using MaoOcr.Inference.Pipeline;
using MaoOcr.Inference.Runners;
using MaoOcr.Inference.Tests.Support;

namespace MaoOcr.Inference.Tests.Devices;

/// <summary>
/// Inference:Device on a machine without a usable GPU: auto tries TensorRT, then CUDA, reporting each failure once,
/// and runs on the CPU; cuda and tensorrt fail naming the library. The providers' libraries are stand-ins (see
/// <see cref="StandInGpuProviders"/>) beside the real ORT, which the probe stops before.
/// </summary>
public sealed class DeviceSelectionTests
{
    private static readonly string[] s_gpuBuild = [GpuProvider.TensorRt.ProviderName, GpuProvider.Cuda.ProviderName, "CPUExecutionProvider"];

    [Theory]
    [InlineData("auto", InferenceDevice.Auto)]
    [InlineData("", InferenceDevice.Auto)]
    [InlineData(" CPU ", InferenceDevice.Cpu)]
    [InlineData("cuda", InferenceDevice.Cuda)]
    [InlineData("Cuda", InferenceDevice.Cuda)]
    [InlineData("tensorrt", InferenceDevice.TensorRt)]
    [InlineData("TensorRT", InferenceDevice.TensorRt)]
    [InlineData("trt", InferenceDevice.TensorRt)]
    public void Device_setting_parses(string text, InferenceDevice expected)
    {
        Assert.True(InferenceDeviceParser.TryParse(text, out InferenceDevice device));
        Assert.Equal(expected, device);
    }

    [Theory]
    [InlineData("tpu")]
    [InlineData("cuda:0")]
    [InlineData("tensor-rt")]
    public void Unknown_device_is_refused(string text) => Assert.False(InferenceDeviceParser.TryParse(text, out _));

    [Fact]
    public void Auto_tries_tensorrt_then_cuda_and_a_named_device_only_itself()
    {
        Assert.Equal([GpuProvider.TensorRt, GpuProvider.Cuda], EngineSessions.Candidates(InferenceDevice.Auto));
        Assert.Equal([GpuProvider.TensorRt], EngineSessions.Candidates(InferenceDevice.TensorRt));
        Assert.Equal([GpuProvider.Cuda], EngineSessions.Candidates(InferenceDevice.Cuda));
        Assert.Empty(EngineSessions.Candidates(InferenceDevice.Cpu));
    }

    [Fact]
    public void Cuda_options_become_the_provider_options_ort_reads()
    {
        var provider = new CudaExecutionProvider { DeviceId = 1, ConvAlgoSearch = CudnnConvAlgoSearch.Default, GpuMemoryLimitBytes = 2048L * 1024 * 1024 };
        Dictionary<string, string> cuda = provider.ToProviderOptions().ToDictionary();
        Assert.Equal("1", cuda["device_id"]);
        Assert.Equal("DEFAULT", cuda["cudnn_conv_algo_search"]);
        Assert.Equal("kSameAsRequested", cuda["arena_extend_strategy"]);
        Assert.Equal((2048L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), cuda["gpu_mem_limit"]);
        Assert.Equal("1", cuda["do_copy_in_default_stream"]);
    }

    [Fact]
    public void Gpu_sessions_bind_their_output_to_pinned_memory_when_switched_on_and_cpu_sessions_never_do()
    {
        var on = new OcrEngineOptions { Device = InferenceDevice.Cuda, Cuda = new CudaExecutionProvider { DeviceId = 1 }, CudaIoBinding = true };
        var byDefault = new OcrEngineOptions { Device = InferenceDevice.Cuda };

        SessionConfig cuda = EngineSessions.ConfigFor(InferenceDevice.Cuda, on);
        Assert.Equal(OutputBinding.CudaPinned, cuda.OutputBinding);
        Assert.Equal(1, Assert.IsType<CudaExecutionProvider>(Assert.Single(cuda.ExecutionProviders)).DeviceId);
        // TensorRT's sessions have the CUDA provider behind TensorRT, so the same pinned memory is there.
        Assert.Equal(OutputBinding.CudaPinned, EngineSessions.ConfigFor(InferenceDevice.TensorRt, on).OutputBinding);
        // Off until measured on a GPU: the plain run by default.
        Assert.Equal(OutputBinding.None, EngineSessions.ConfigFor(InferenceDevice.Cuda, byDefault).OutputBinding);
        // The CPU (and auto's fallback to it) keeps the plain run whatever the switch says.
        Assert.Equal(OutputBinding.None, EngineSessions.ConfigFor(InferenceDevice.Cpu, on).OutputBinding);
        Assert.Equal([ExecutionProvider.Cpu], EngineSessions.ConfigFor(InferenceDevice.Cpu, on).ExecutionProviders);
    }

    [Fact]
    public void Tensorrt_sessions_append_tensorrt_with_the_models_profile_and_cuda_behind_it()
    {
        var options = new OcrEngineOptions { Device = InferenceDevice.TensorRt, TensorRt = new TensorRtExecutionProvider { DeviceId = 1, Fp16 = true } };
        TensorRtShapeProfile profile = TensorRtProfiles.Classifier(batching: null, groupSize: 6);

        SessionConfig config = EngineSessions.ConfigFor(InferenceDevice.TensorRt, options, profile);

        Assert.Equal(2, config.ExecutionProviders.Count);
        TensorRtExecutionProvider tensorRt = Assert.IsType<TensorRtExecutionProvider>(config.ExecutionProviders[0]);
        Assert.Same(profile, tensorRt.ShapeProfile);
        Assert.True(tensorRt.Fp16);
        Assert.Equal(1, tensorRt.DeviceId);
        Assert.IsType<CudaExecutionProvider>(config.ExecutionProviders[1]);
    }

    [Fact]
    public void A_missing_provider_library_is_named_with_the_build_that_has_it()
    {
        using var folder = new StandInGpuProviders(tensorRt: ProviderStandIn.Absent);
        string? reason = ProviderProbe.Check(folder.OrtLibrary, OrtLibraries.ShippedVersion, ["CPUExecutionProvider"], GpuProvider.TensorRt);
        Assert.NotNull(reason);
        Assert.StartsWith($"{GpuProvider.TensorRt.Library} is missing", reason, StringComparison.Ordinal);
        Assert.Contains(folder.OrtLibrary, reason, StringComparison.Ordinal);
        Assert.Contains("does not list the TensorRT provider", reason, StringComparison.Ordinal);
        Assert.Contains("-p:MaoOcrGpu=true", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(InferenceDevice.TensorRt, "libnvinfer.so.10")]
    [InlineData(InferenceDevice.Cuda, "libcudart.so.13")]
    public void A_provider_library_whose_runtime_is_missing_names_that_runtime(InferenceDevice device, string runtime)
    {
        using var folder = new StandInGpuProviders();
        GpuProvider provider = GpuProvider.For(device);
        string? reason = ProviderProbe.Check(folder.OrtLibrary, OrtLibraries.ShippedVersion, s_gpuBuild, provider);
        Assert.NotNull(reason);
        Assert.Contains($"{provider.Library} cannot be loaded: it needs {runtime}", reason, StringComparison.Ordinal);
        Assert.Contains("LD_LIBRARY_PATH", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cuda_provider_that_loads_is_still_refused_when_cudnn_which_it_opens_later_is_missing()
    {
        // This machine has no cuDNN: the provider and its (stand-in) CUDA 13 runtime load, cuDNN 9 is not to be found.
        using var folder = new StandInGpuProviders(cuda: ProviderStandIn.Loadable);
        string? reason = ProviderProbe.Check(folder.OrtLibrary, OrtLibraries.ShippedVersion, s_gpuBuild, GpuProvider.Cuda);
        Assert.NotNull(reason);
        Assert.Contains($"{GpuProvider.Cuda.Library} loads, but libcudnn.so.9, which it opens when a session starts", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void When_the_provider_loads_but_ort_cannot_start_it_auto_names_orts_error_and_goes_on()
    {
        // The TensorRT stand-in loads, so the probe lets it through; the CPU build of ORT then refuses the TensorRT
        // provider options itself (OrtApi slot 171), and that error is the reason.
        using var folder = new StandInGpuProviders(tensorRt: ProviderStandIn.Loadable);
        File.CreateSymbolicLink(folder.OrtLibrary, OrtLibraries.Shipped);
        Assert.Null(ProviderProbe.Check(folder.OrtLibrary, OrtLibraries.ShippedVersion, s_gpuBuild, GpuProvider.TensorRt));

        var fallbacks = new List<DeviceFallback>();
        using OcrEngine engine = OcrEngine.Create(new OcrEngineOptions { OrtLibraryPath = folder.OrtLibrary, OnDeviceFallback = fallbacks.Add });

        Assert.Equal(InferenceDevice.Cpu, engine.Device);
        Assert.Equal([InferenceDevice.TensorRt, InferenceDevice.Cuda], fallbacks.Select(f => f.Device));
        Assert.StartsWith("the TensorRT execution provider did not start: ", fallbacks[0].Reason, StringComparison.Ordinal);
        Assert.Contains("libcudart.so.13", fallbacks[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_reports_tensorrt_then_cuda_once_each_and_runs_on_the_cpu_and_a_named_gpu_fails_naming_the_library()
    {
        using var folder = new StandInGpuProviders();
        File.CreateSymbolicLink(folder.OrtLibrary, OrtLibraries.Shipped);

        var fallbacks = new List<DeviceFallback>();
        using (OcrEngine engine = OcrEngine.Create(new OcrEngineOptions { OrtLibraryPath = folder.OrtLibrary, Device = InferenceDevice.Auto, OnDeviceFallback = fallbacks.Add }))
        {
            Assert.Equal(InferenceDevice.Cpu, engine.Device);
            // Settled on the CPU, auto runs the models directly, as a CPU engine does.
            Assert.Equal(ModelRunnerKind.Direct, engine.ModelRunner);
            Assert.Equal(fallbacks, engine.DeviceFallbacks);
            Assert.Equal("Invoice 2024", engine.Recognize(TestImages.TextPng("Invoice 2024")).Text);
        }
        Assert.Equal([InferenceDevice.TensorRt, InferenceDevice.Cuda], fallbacks.Select(f => f.Device));
        Assert.Contains("libnvinfer.so.10", fallbacks[0].Reason, StringComparison.Ordinal);
        Assert.Contains("libcudart.so.13", fallbacks[1].Reason, StringComparison.Ordinal);

        DeviceUnavailableException trt = Assert.Throws<DeviceUnavailableException>(
            () => OcrEngine.Create(new OcrEngineOptions { OrtLibraryPath = folder.OrtLibrary, Device = InferenceDevice.TensorRt, OnDeviceFallback = fallbacks.Add }));
        Assert.Contains("Inference:Device is tensorrt, but TensorRT cannot be used", trt.Message, StringComparison.Ordinal);
        Assert.Contains("libnvinfer.so.10", trt.Message, StringComparison.Ordinal);

        DeviceUnavailableException cuda = Assert.Throws<DeviceUnavailableException>(
            () => OcrEngine.Create(new OcrEngineOptions { OrtLibraryPath = folder.OrtLibrary, Device = InferenceDevice.Cuda }));
        Assert.Contains("Inference:Device is cuda, but CUDA cannot be used", cuda.Message, StringComparison.Ordinal);
        Assert.Contains("libcudart.so.13", cuda.Message, StringComparison.Ordinal);
        // A named device fails; it is not a fallback.
        Assert.Equal(2, fallbacks.Count);
    }

    [Fact]
    public void The_cpu_build_falls_back_under_auto_and_cpu_asks_nothing()
    {
        var fallbacks = new List<DeviceFallback>();
        using (OcrEngine auto = OcrEngine.Create(new OcrEngineOptions { OrtLibraryPath = OrtLibraries.Shipped, OnDeviceFallback = fallbacks.Add }))
        {
            Assert.Equal(InferenceDevice.Cpu, auto.Device);
            Assert.Equal(fallbacks, auto.DeviceFallbacks);
        }
        // Nothing of the GPU providers beside the NuGet CPU build: each provider library is named, and so is the build.
        Assert.Equal(2, fallbacks.Count);
        Assert.StartsWith($"{GpuProvider.TensorRt.Library} is missing", fallbacks[0].Reason, StringComparison.Ordinal);
        Assert.StartsWith($"{GpuProvider.Cuda.Library} is missing", fallbacks[1].Reason, StringComparison.Ordinal);
        Assert.Contains("does not list the CUDA provider", fallbacks[1].Reason, StringComparison.Ordinal);

        using OcrEngine cpu = OcrEngine.Create(new OcrEngineOptions { OrtLibraryPath = OrtLibraries.Shipped, Device = InferenceDevice.Cpu, OnDeviceFallback = fallbacks.Add });
        Assert.Empty(cpu.DeviceFallbacks);
        Assert.Equal(2, fallbacks.Count);
    }

    [Fact]
    public void Version_status_of_the_cpu_build_says_no_gpu_provider_is_usable_and_lists_every_runtime_library()
    {
        OrtRuntime runtime = OrtRuntime.Load(OrtLibraries.Shipped);
        foreach (GpuProvider provider in GpuProvider.All)
        {
            ProviderStatus status = ProviderStatus.Describe(runtime, provider);
            Assert.False(status.Listed);
            Assert.False(status.Usable);
            Assert.StartsWith($"{provider.Library} is missing", status.Problem, StringComparison.Ordinal);
            Assert.Equal(provider.RuntimeLibraries, status.Libraries.Select(l => l.Key));
        }
    }
}
