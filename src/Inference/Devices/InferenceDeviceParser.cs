namespace MaoOcr.Inference.Devices;

/// <summary>Parses the <c>Inference:Device</c> setting.</summary>
public static class InferenceDeviceParser
{
    /// <summary>The accepted values, for messages.</summary>
    public const string Accepted = "auto, cpu, cuda, tensorrt";

    /// <summary>Parses "auto", "cpu", "cuda" (or "gpu") or "tensorrt" (or "trt"), in any case, surrounding blanks ignored; empty means auto.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out InferenceDevice device)
    {
        text = text.Trim();
        if (text.IsEmpty || text.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            device = InferenceDevice.Auto;
            return true;
        }
        if (text.Equals("cpu", StringComparison.OrdinalIgnoreCase))
        {
            device = InferenceDevice.Cpu;
            return true;
        }
        if (text.Equals("cuda", StringComparison.OrdinalIgnoreCase) || text.Equals("gpu", StringComparison.OrdinalIgnoreCase))
        {
            device = InferenceDevice.Cuda;
            return true;
        }
        if (text.Equals("tensorrt", StringComparison.OrdinalIgnoreCase) || text.Equals("trt", StringComparison.OrdinalIgnoreCase))
        {
            device = InferenceDevice.TensorRt;
            return true;
        }
        device = default;
        return false;
    }
}
