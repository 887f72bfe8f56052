namespace MaoOcr.Inference.Onnx;

/// <summary>cuDNN's convolution algorithm search, as ORT's CUDA provider names it.</summary>
public enum CudnnConvAlgoSearch
{
    /// <summary>Benchmarks every algorithm per new shape: slow with changing input shapes, so never our default.</summary>
    Exhaustive,
    Heuristic,
    Default,
}
