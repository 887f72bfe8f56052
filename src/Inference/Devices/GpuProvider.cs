namespace MaoOcr.Inference.Devices;

/// <summary>
/// One of ONNX Runtime's GPU execution providers as a box sees it: the library beside libonnxruntime.so and the
/// runtime libraries the box must provide. The lists are what the NuGet Microsoft.ML.OnnxRuntime.Gpu.Linux 1.32.0
/// providers need (<c>readelf -d</c>, and cuDNN, which the CUDA provider opens at run time); deploy/gpu/README.md
/// says where they come from.
/// </summary>
public sealed record GpuProvider
{
    private GpuProvider(InferenceDevice device, string displayName, string providerName, string library, string runtime, IReadOnlyList<string> runtimeLibraries, IReadOnlyList<string> openedWhenSessionsStart)
    {
        OpenedWhenSessionsStart = openedWhenSessionsStart;
        Device = device;
        DisplayName = displayName;
        ProviderName = providerName;
        Library = library;
        Runtime = runtime;
        RuntimeLibraries = runtimeLibraries;
    }

    /// <summary>TensorRT 10; it needs the CUDA provider too, for the nodes TensorRT does not take.</summary>
    public static GpuProvider TensorRt { get; } = new(
        InferenceDevice.TensorRt, "TensorRT", "TensorrtExecutionProvider", "libonnxruntime_providers_tensorrt.so", "TensorRT 10, CUDA 13 and cuDNN 9",
        ["libnvinfer.so.10", "libnvonnxparser.so.10", "libcudart.so.13", "libcublas.so.13", "libcudnn.so.9"],
        []);

    /// <summary>CUDA 13 with cuDNN 9, and the driver's libcuda.</summary>
    public static GpuProvider Cuda { get; } = new(
        InferenceDevice.Cuda, "CUDA", "CUDAExecutionProvider", "libonnxruntime_providers_cuda.so", "CUDA 13 and cuDNN 9",
        ["libcudart.so.13", "libcublas.so.13", "libcublasLt.so.13", "libcurand.so.10", "libcudnn.so.9", "libcuda.so.1"],
        ["libcudnn.so.9"]);

    /// <summary>In the order <see cref="InferenceDevice.Auto"/> tries them: the faster first.</summary>
    public static IReadOnlyList<GpuProvider> All { get; } = [TensorRt, Cuda];

    /// <summary>The device this provider stands for.</summary>
    public InferenceDevice Device { get; }

    /// <summary>For messages: "TensorRT", "CUDA".</summary>
    public string DisplayName { get; }

    /// <summary>The name in <c>GetAvailableProviders</c>.</summary>
    public string ProviderName { get; }

    /// <summary>The provider library ORT loads from its own folder.</summary>
    public string Library { get; }

    /// <summary>For messages: the runtime the box must have.</summary>
    public string Runtime { get; }

    /// <summary>The runtime libraries (sonames) the provider needs from the box: linked, or opened when a session starts.</summary>
    public IReadOnlyList<string> RuntimeLibraries { get; }

    /// <summary>
    /// Those of <see cref="RuntimeLibraries"/> the provider does not link but opens when a session starts, so that only
    /// loading them by name shows they are missing: cuDNN for CUDA. They belong to the CUDA 13 build
    /// (<see cref="CudaRuntime"/>); another build (JetPack's, for CUDA 12) brings its own.
    /// </summary>
    public IReadOnlyList<string> OpenedWhenSessionsStart { get; }

    /// <summary>The CUDA runtime the NuGet GPU build links: seeing it loaded tells that build from another.</summary>
    public static string CudaRuntime => "libcudart.so.13";

    /// <summary>The provider for <paramref name="device"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="device"/> is not a GPU device.</exception>
    public static GpuProvider For(InferenceDevice device) => device switch
    {
        InferenceDevice.TensorRt => TensorRt,
        InferenceDevice.Cuda => Cuda,
        _ => throw new ArgumentOutOfRangeException(nameof(device), device, "Only cuda and tensorrt have a GPU provider."),
    };
}
