namespace MaoOcr.Inference.Devices;

/// <summary>
/// <c>Inference:Device=cuda</c> was asked for and CUDA cannot be used. The message names the reason: the
/// library that is missing or failed to load, or ONNX Runtime's own error.
/// </summary>
public sealed class DeviceUnavailableException : Exception
{
    public DeviceUnavailableException() { }

    public DeviceUnavailableException(string message) : base(message) { }

    public DeviceUnavailableException(string message, Exception innerException) : base(message, innerException) { }
}
