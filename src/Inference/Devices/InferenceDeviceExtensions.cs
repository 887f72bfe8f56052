namespace MaoOcr.Inference.Devices;

/// <summary>What a device implies for the rest of the engine.</summary>
public static class InferenceDeviceExtensions
{
    /// <summary>True for <see cref="InferenceDevice.Cuda"/> and <see cref="InferenceDevice.TensorRt"/>: the devices whose calls are batched across requests.</summary>
    public static bool IsGpu(this InferenceDevice device) => device is InferenceDevice.Cuda or InferenceDevice.TensorRt;

    /// <summary>The name used in settings and messages: auto, cpu, cuda, tensorrt.</summary>
    public static string SettingName(this InferenceDevice device) => device switch
    {
        InferenceDevice.Cpu => "cpu",
        InferenceDevice.Cuda => "cuda",
        InferenceDevice.TensorRt => "tensorrt",
        _ => "auto",
    };
}
