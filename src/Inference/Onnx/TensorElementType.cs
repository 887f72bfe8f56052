namespace MaoOcr.Inference.Onnx;

/// <summary>The subset of <c>ONNXTensorElementDataType</c> the pipeline uses.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Names mirror ONNX element types.")]
public enum TensorElementType
{
    Undefined = 0,
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    Int32 = 6,
    Int64 = 7,
}
