namespace MaoOcr.Inference.Onnx.Handles;

/// <summary>An <c>OrtCUDAProviderOptionsV2</c>: the CUDA provider's options, released once appended to the session options.</summary>
internal sealed class OrtCudaProviderOptionsHandle(OrtApi api, nint pointer) : OrtHandle(api, pointer)
{
    private protected override void Release() => Api.ReleaseCudaProviderOptions(handle);
}
