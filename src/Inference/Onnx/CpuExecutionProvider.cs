namespace MaoOcr.Inference.Onnx;

/// <summary>The default CPU provider; appending it is a no-op, ORT always has it.</summary>
public sealed record CpuExecutionProvider : ExecutionProvider;
