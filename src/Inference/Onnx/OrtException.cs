namespace MaoOcr.Inference.Onnx;

/// <summary>An error reported by ONNX Runtime through an <c>OrtStatus</c>.</summary>
public sealed class OrtException : Exception
{
    public OrtException(OrtErrorCode code, string message)
        : base($"ONNX Runtime error {code}: {message}")
    {
        Code = code;
        NativeMessage = message;
    }

    /// <summary>ORT's error code.</summary>
    public OrtErrorCode Code { get; }

    /// <summary>ORT's own message, without our prefix.</summary>
    public string NativeMessage { get; }
}
