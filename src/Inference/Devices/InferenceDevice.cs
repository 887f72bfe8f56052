namespace MaoOcr.Inference.Devices;

/// <summary>Where the models run (<c>Inference:Device</c>).</summary>
public enum InferenceDevice
{
    /// <summary>
    /// The fastest that works: TensorRT, then CUDA, then the CPU. Each GPU provider that cannot be used is reported once
    /// with the reason (<see cref="Pipeline.OcrEngineOptions.OnDeviceFallback"/>).
    /// </summary>
    Auto,

    /// <summary>ORT's CPU provider only.</summary>
    Cpu,

    /// <summary>CUDA or nothing: start-up fails with the reason (for example the missing library) when it cannot be used.</summary>
    Cuda,

    /// <summary>
    /// TensorRT, with CUDA for what TensorRT does not take, or nothing: start-up fails with the reason when TensorRT
    /// cannot be used.
    /// </summary>
    TensorRt,
}
