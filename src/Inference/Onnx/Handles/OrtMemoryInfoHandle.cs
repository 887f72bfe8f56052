namespace MaoOcr.Inference.Onnx.Handles;

/// <summary>An <c>OrtMemoryInfo</c>: a description of a device and memory type (where a tensor lives or an output is bound).</summary>
internal sealed class OrtMemoryInfoHandle(OrtApi api, nint pointer) : OrtHandle(api, pointer)
{
    private protected override void Release() => Api.ReleaseMemoryInfo(handle);
}
