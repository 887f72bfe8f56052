namespace MaoOcr.Inference.Onnx.Handles;

/// <summary>An <c>OrtTensorRTProviderOptionsV2</c>: the TensorRT provider's options, released once appended to the session options.</summary>
internal sealed class OrtTensorRtProviderOptionsHandle(OrtApi api, nint pointer) : OrtHandle(api, pointer)
{
    private protected override void Release() => Api.ReleaseTensorRtProviderOptions(handle);
}
