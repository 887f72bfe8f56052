namespace MaoOcr.Inference.Onnx;

/// <summary>Mirrors <c>GraphOptimizationLevel</c>.</summary>
public enum GraphOptimizationLevel
{
    Disabled = 0,
    Basic = 1,
    Extended = 2,
    All = 99,
}
