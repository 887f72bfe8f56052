namespace MaoOcr.Inference.Devices;

/// <summary>A GPU provider that <see cref="InferenceDevice.Auto"/> tried and could not use, and why.</summary>
/// <param name="Device"><see cref="InferenceDevice.TensorRt"/> or <see cref="InferenceDevice.Cuda"/>.</param>
/// <param name="Reason">The library that is missing or failed to load, or ORT's own error.</param>
public sealed record DeviceFallback(InferenceDevice Device, string Reason);
