namespace MaoOcr.Inference.Onnx;

/// <summary>How a session is built: threads, graph optimisation and execution providers.</summary>
public sealed class SessionConfig
{
    /// <summary>Threads inside one operator. 0 lets ORT choose (one per physical core).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Threads across independent operators. 1, because the OCR models are sequential graphs.</summary>
    public int InterOpThreads { get; init; } = 1;

    public GraphOptimizationLevel OptimizationLevel { get; init; } = GraphOptimizationLevel.All;

    /// <summary>
    /// ORT's CPU arena keeps freed blocks for reuse. On by default: it saves a malloc per tensor. Input
    /// shapes come from a bounded set (detection sides and recognition widths are multiples of 32).
    /// </summary>
    public bool EnableCpuMemArena { get; init; } = true;

    /// <summary>Providers in order of preference. ORT always falls back to the CPU for what they do not take.</summary>
    public IReadOnlyList<ExecutionProvider> ExecutionProviders { get; init; } = [ExecutionProvider.Cpu];

    /// <summary>Extra <c>AddSessionConfigEntry</c> pairs (see onnxruntime_session_options_config_keys.h).</summary>
    public IReadOnlyDictionary<string, string> ConfigEntries { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Where <see cref="OrtSession.Run"/> has ORT put the output. <see cref="OutputBinding.None"/> (the default) is a
    /// plain <c>Run</c>; the others run through an IO binding. Only <see cref="OutputBinding.CudaPinned"/> saves
    /// anything, and only with the CUDA provider.
    /// </summary>
    public OutputBinding OutputBinding { get; init; } = OutputBinding.None;
}

/// <summary>Where a session's output is bound (<see cref="SessionConfig.OutputBinding"/>).</summary>
public enum OutputBinding
{
    /// <summary>
    /// A plain <c>OrtApi::Run</c>. Right for the CPU provider: the input tensor is already built over our pinned
    /// buffer and the output is read in place, so a binding has no copy to save.
    /// </summary>
    None,

    /// <summary>
    /// Through an IO binding, output on ORT's CPU allocator. Saves nothing over <see cref="None"/> (the plain run
    /// allocates the same way); it exists so the binding path is run and tested on a machine without a GPU.
    /// </summary>
    Cpu,

    /// <summary>
    /// Through an IO binding, output in CUDA-pinned (page-locked) host memory on the CUDA provider's device: ORT's
    /// device-to-host copy is then one DMA straight into memory we read in place, instead of a copy staged through
    /// the driver's own pinned buffer into pageable memory. Needs the CUDA provider in <see cref="SessionConfig.ExecutionProviders"/>.
    /// </summary>
    CudaPinned,
}

/// <summary>An execution provider to append to a session, in order.</summary>
public abstract record ExecutionProvider
{
    public static readonly ExecutionProvider Cpu = new CpuExecutionProvider();

    private protected ExecutionProvider() { }
}

/// <summary>The default CPU provider; appending it is a no-op, ORT always has it.</summary>
public sealed record CpuExecutionProvider : ExecutionProvider;

/// <summary>cuDNN's convolution algorithm search, as ORT's CUDA provider names it.</summary>
public enum CudnnConvAlgoSearch
{
    /// <summary>Benchmarks every algorithm per new shape: slow with changing input shapes, so never our default.</summary>
    Exhaustive,
    Heuristic,
    Default,
}

/// <summary>The CUDA provider, appended with <c>SessionOptionsAppendExecutionProvider_CUDA_V2</c>.</summary>
public sealed record CudaExecutionProvider : ExecutionProvider
{
    public int DeviceId { get; init; }

    public CudnnConvAlgoSearch ConvAlgoSearch { get; init; } = CudnnConvAlgoSearch.Heuristic;

    /// <summary>GPU memory limit for ORT's arena in bytes; null for no limit.</summary>
    public long? GpuMemoryLimitBytes { get; init; }

    /// <summary>Copy in the compute stream; ORT's default and the safe choice with IO binding.</summary>
    public bool CopyInDefaultStream { get; init; } = true;

    internal IEnumerable<KeyValuePair<string, string>> ToProviderOptions()
    {
        yield return new("device_id", DeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("cudnn_conv_algo_search", ConvAlgoSearch switch
        {
            CudnnConvAlgoSearch.Exhaustive => "EXHAUSTIVE",
            CudnnConvAlgoSearch.Default => "DEFAULT",
            _ => "HEURISTIC",
        });
        // Grow the arena by what is asked, not by powers of two: with many shapes the doubling
        // strategy reserves far more GPU memory than the models need.
        yield return new("arena_extend_strategy", "kSameAsRequested");
        yield return new("do_copy_in_default_stream", CopyInDefaultStream ? "1" : "0");
        if (GpuMemoryLimitBytes is long limit)
        {
            yield return new("gpu_mem_limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
