namespace MaoOcr.Inference.Onnx;

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
