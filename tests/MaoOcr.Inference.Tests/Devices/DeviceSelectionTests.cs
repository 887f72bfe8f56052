using MaoOcr.Inference.Devices;
using MaoOcr.Inference.Onnx;
using MaoOcr.Inference.Pipeline;
using MaoOcr.Inference.Runners;
using MaoOcr.Inference.Tests.Support;

namespace MaoOcr.Inference.Tests.Devices;

/// <summary>
/// Inference:Device on a machine without a usable GPU: auto falls back to the CPU saying why, once; cuda fails
/// naming the library. The CUDA provider's libraries are stand-ins (see <see cref="StandInCudaProvider"/>).
/// </summary>
public sealed class DeviceSelectionTests
{
    private static readonly string[] s_cudaBuild = [CudaProviderProbe.ProviderName, "CPUExecutionProvider"];

    [Theory]
    [InlineData("auto", InferenceDevice.Auto)]
    [InlineData("", InferenceDevice.Auto)]
    [InlineData(" CPU ", InferenceDevice.Cpu)]
    [InlineData("cuda", InferenceDevice.Cuda)]
    [InlineData("Cuda", InferenceDevice.Cuda)]
    public void Device_setting_parses(string text, InferenceDevice expected)
    {
        Assert.True(InferenceDeviceParser.TryParse(text, out InferenceDevice device));
        Assert.Equal(expected, device);
    }

    [Theory]
    [InlineData("tpu")]
    [InlineData("cuda:0")]
    public void Unknown_device_is_refused(string text) => Assert.False(InferenceDeviceParser.TryParse(text, out _));

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
    public void Cuda_sessions_bind_their_output_to_pinned_memory_when_switched_on_and_cpu_sessions_never_do()
    {
        var on = new OcrEngineOptions { Device = InferenceDevice.Cuda, Cuda = new CudaExecutionProvider { DeviceId = 1 }, CudaIoBinding = true };
        var byDefault = new OcrEngineOptions { Device = InferenceDevice.Cuda };

        SessionConfig cuda = EngineSessions.ConfigFor(InferenceDevice.Cuda, on);
        Assert.Equal(OutputBinding.CudaPinned, cuda.OutputBinding);
        Assert.Equal(1, Assert.IsType<CudaExecutionProvider>(Assert.Single(cuda.ExecutionProviders)).DeviceId);
        // Off until measured on a GPU: the plain run by default.
        Assert.Equal(OutputBinding.None, EngineSessions.ConfigFor(InferenceDevice.Cuda, byDefault).OutputBinding);
        // The CPU (and auto's fallback to it) keeps the plain run whatever the switch says.
        Assert.Equal(OutputBinding.None, EngineSessions.ConfigFor(InferenceDevice.Cpu, on).OutputBinding);
        Assert.Equal([ExecutionProvider.Cpu], EngineSessions.ConfigFor(InferenceDevice.Cpu, on).ExecutionProviders);
    }

    [Fact]
    public void A_missing_provider_library_is_named()
    {
        using var folder = new StandInCudaProvider(withCudaProvider: false);
        string? reason = CudaProviderProbe.Check(folder.OrtLibrary, OrtLibraries.ShippedVersion, s_cudaBuild);
        Assert.NotNull(reason);
        Assert.StartsWith($"{CudaProviderProbe.CudaLibrary} is missing", reason, StringComparison.Ordinal);
        Assert.Contains(folder.OrtLibrary, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_provider_library_whose_cuda_runtime_is_missing_names_that_runtime()
    {
        using var folder = new StandInCudaProvider();
        string? reason = CudaProviderProbe.Check(folder.OrtLibrary, OrtLibraries.ShippedVersion, s_cudaBuild);
        Assert.NotNull(reason);
        Assert.Contains($"{CudaProviderProbe.CudaLibrary} cannot be loaded: it needs libcudart.so.13", reason, StringComparison.Ordinal);
        Assert.Contains("LD_LIBRARY_PATH", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_falls_back_to_the_cpu_saying_why_once_and_cuda_fails_naming_the_library()
    {
        // The real ORT beside stand-in providers whose CUDA runtime is missing: the probe stops before ORT loads them.
        using var folder = new StandInCudaProvider();
        File.CreateSymbolicLink(folder.OrtLibrary, OrtLibraries.Shipped);

        var reasons = new List<string>();
        using (OcrEngine engine = OcrEngine.Create(new OcrEngineOptions { OrtLibraryPath = folder.OrtLibrary, Device = InferenceDevice.Auto, OnCpuFallback = reasons.Add }))
        {
            Assert.Equal(InferenceDevice.Cpu, engine.Device);
            // Settled on the CPU, auto runs the models directly, as a CPU engine does.
            Assert.Equal(ModelRunnerKind.Direct, engine.ModelRunner);
            Assert.Equal("Invoice 2024", engine.Recognize(TestImages.TextPng("Invoice 2024")).Text);
        }
        string reason = Assert.Single(reasons);
        Assert.Contains("libcudart.so.13", reason, StringComparison.Ordinal);

        DeviceUnavailableException e = Assert.Throws<DeviceUnavailableException>(
            () => OcrEngine.Create(new OcrEngineOptions { OrtLibraryPath = folder.OrtLibrary, Device = InferenceDevice.Cuda }));
        Assert.Contains("Inference:Device is cuda", e.Message, StringComparison.Ordinal);
        Assert.Contains("libcudart.so.13", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cpu_build_falls_back_under_auto_and_cpu_asks_nothing()
    {
        var reasons = new List<string>();
        using (OcrEngine auto = OcrEngine.Create(new OcrEngineOptions { OrtLibraryPath = OrtLibraries.Shipped, OnCpuFallback = reasons.Add }))
        {
            Assert.Equal(InferenceDevice.Cpu, auto.Device);
            Assert.Equal(reasons.Single(), auto.CpuFallbackReason);
        }
        // Nothing of CUDA's beside the NuGet CPU build: the provider library is named, and so is the build.
        Assert.StartsWith($"{CudaProviderProbe.CudaLibrary} is missing", reasons[0], StringComparison.Ordinal);
        Assert.Contains("does not list the CUDA provider", reasons[0], StringComparison.Ordinal);

        using OcrEngine cpu = OcrEngine.Create(new OcrEngineOptions { OrtLibraryPath = OrtLibraries.Shipped, Device = InferenceDevice.Cpu, OnCpuFallback = reasons.Add });
        Assert.Null(cpu.CpuFallbackReason);
        Assert.Single(reasons);
    }
}
