using System.Globalization;

namespace MaoOcr.Inference.Onnx;

/// <summary>
/// The TensorRT provider, appended with <c>SessionOptionsAppendExecutionProvider_TensorRT_V2</c> before the CUDA
/// provider, which runs whatever TensorRT does not take. Option names are ORT's
/// (onnxruntime/core/providers/tensorrt/tensorrt_execution_provider_info.cc); each one used here is among the names the
/// 1.32.0 libonnxruntime_providers_tensorrt.so holds (<c>strings</c>), as ORT refuses an option it does not know.
/// </summary>
public sealed record TensorRtExecutionProvider : ExecutionProvider
{
    /// <summary>The CUDA device the engines are built for and run on.</summary>
    public int DeviceId { get; init; }

    /// <summary>
    /// Where built engines (and TensorRT's timing cache) are kept, so an engine is built once per model, profile and
    /// GPU rather than at every start: minutes on a Jetson. Null builds them at every start.
    /// </summary>
    public string? EngineCacheDirectory { get; init; }

    /// <summary>
    /// Lets TensorRT pick FP16 kernels where they are faster, with layer normalisation kept in FP32 (SVTR's LayerNorms
    /// overflow in FP16). Off by default: FP32 reads exactly as the CPU does, and FP16's text has not been checked on a
    /// GPU yet (deploy/gpu/measure.sh compares it).
    /// </summary>
    public bool Fp16 { get; init; }

    /// <summary>The most GPU memory TensorRT may use as scratch while it builds an engine, in bytes; null for TensorRT's own limit (the whole device).</summary>
    public long? MaxWorkspaceBytes { get; init; }

    /// <summary>The input shapes the engine is built for; null lets the provider build for each new shape it sees.</summary>
    public TensorRtShapeProfile? ShapeProfile { get; init; }

    internal IEnumerable<KeyValuePair<string, string>> ToProviderOptions()
    {
        yield return new("device_id", DeviceId.ToString(CultureInfo.InvariantCulture));
        yield return new("trt_fp16_enable", Fp16 ? "1" : "0");
        if (Fp16)
        {
            yield return new("trt_layer_norm_fp32_fallback", "1");
        }
        if (MaxWorkspaceBytes is long workspace)
        {
            yield return new("trt_max_workspace_size", workspace.ToString(CultureInfo.InvariantCulture));
        }
        if (EngineCacheDirectory is { Length: > 0 } cache)
        {
            yield return new("trt_engine_cache_enable", "1");
            yield return new("trt_engine_cache_path", cache);
            // The timing cache keeps the kernel timings, so a rebuild (a new profile, another model) skips re-timing.
            yield return new("trt_timing_cache_enable", "1");
            yield return new("trt_timing_cache_path", cache);
        }
        if (ShapeProfile is { } profile)
        {
            profile.Validate();
            yield return new("trt_profile_min_shapes", profile.MinShapes);
            yield return new("trt_profile_opt_shapes", profile.OptShapes);
            yield return new("trt_profile_max_shapes", profile.MaxShapes);
        }
    }
}
