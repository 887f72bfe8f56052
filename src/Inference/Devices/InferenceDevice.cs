namespace MaoOcr.Inference.Devices;

/// <summary>Where the models run (<c>Inference:Device</c>).</summary>
public enum InferenceDevice
{
    /// <summary>CUDA when its provider loads and the GPU answers; otherwise the CPU, with the reason logged once.</summary>
    Auto,

    /// <summary>ORT's CPU provider only.</summary>
    Cpu,

    /// <summary>CUDA or nothing: start-up fails with the reason (for example the missing library) when it cannot be used.</summary>
    Cuda,
}

/// <summary>Parses the <c>Inference:Device</c> setting.</summary>
public static class InferenceDeviceParser
{
    /// <summary>The accepted values, for messages.</summary>
    public const string Accepted = "auto, cpu, cuda";

    /// <summary>Parses "auto", "cpu" or "cuda" (any case, surrounding blanks ignored); empty means auto.</summary>
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
        device = default;
        return false;
    }
}
