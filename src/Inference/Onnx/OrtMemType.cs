namespace MaoOcr.Inference.Onnx;

/// <summary>Mirrors <c>OrtMemType</c>.</summary>
internal enum OrtMemType
{
    /// <summary>Host memory a non-CPU provider writes its outputs to (OrtMemTypeCPUOutput): how CUDA-pinned memory is named.</summary>
    CpuOutput = -1,
    Default = 0,
}
