namespace MaoOcr.Inference.Onnx;

/// <summary>Mirrors <c>OrtErrorCode</c> in <c>onnxruntime_c_api.h</c>.</summary>
public enum OrtErrorCode
{
    Ok = 0,
    Fail = 1,
    InvalidArgument = 2,
    NoSuchFile = 3,
    NoModel = 4,
    EngineError = 5,
    RuntimeException = 6,
    InvalidProtobuf = 7,
    ModelLoaded = 8,
    NotImplemented = 9,
    InvalidGraph = 10,
    EpFail = 11,
}

/// <summary>Mirrors <c>GraphOptimizationLevel</c>.</summary>
public enum GraphOptimizationLevel
{
    Disabled = 0,
    Basic = 1,
    Extended = 2,
    All = 99,
}

/// <summary>Mirrors <c>OrtLoggingLevel</c>.</summary>
public enum OrtLoggingLevel
{
    Verbose = 0,
    Info = 1,
    Warning = 2,
    Error = 3,
    Fatal = 4,
}

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

internal enum OrtAllocatorType
{
    Device = 0,
    Arena = 1,
}

/// <summary>Mirrors <c>OrtMemType</c>.</summary>
internal enum OrtMemType
{
    /// <summary>Host memory a non-CPU provider writes its outputs to (OrtMemTypeCPUOutput): how CUDA-pinned memory is named.</summary>
    CpuOutput = -1,
    Default = 0,
}
