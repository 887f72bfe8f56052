namespace MaoOcr.Inference.Onnx;

/// <summary>Mirrors <c>OrtAllocatorType</c>.</summary>
internal enum OrtAllocatorType
{
    Device = 0,
    Arena = 1,
}
