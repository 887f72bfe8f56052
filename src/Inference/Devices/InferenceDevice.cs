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
