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

    /// <summary>
    /// ORT's memory pattern: after the first run of a shape, one block laid out for all of that shape's intermediate
    /// tensors. ORT keeps one pattern per input shape it has seen, for the life of the session.
    /// </summary>
    public bool EnableMemoryPattern { get; init; } = true;

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
