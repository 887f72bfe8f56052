namespace MaoOcr.Inference.Models;

/// <summary>The model files are missing, cannot be fetched, or do not match the manifest.</summary>
public sealed class ModelStoreException : Exception
{
    public ModelStoreException(string message, Exception? inner = null) : base(message, inner) { }
}
