namespace MaoOcr.Inference.Onnx.Handles;

/// <summary>An <c>OrtTensorTypeAndShapeInfo</c>: a tensor's element type and dimensions, read and released at once.</summary>
internal sealed class OrtTensorTypeAndShapeInfoHandle(OrtApi api, nint pointer) : OrtHandle(api, pointer)
{
    private protected override void Release() => Api.ReleaseTensorTypeAndShapeInfo(handle);
}
