namespace MaoOcr.Inference.Onnx;

/// <summary>The native library could not be loaded, or is too old for this binding.</summary>
public sealed class OrtLibraryException : Exception
{
    public OrtLibraryException(string message, Exception? inner = null) : base(message, inner) { }
}
