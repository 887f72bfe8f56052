namespace MaoOcr.Inference.Onnx.Handles;

/// <summary>An <c>OrtSession</c>: one loaded model.</summary>
internal sealed class OrtSessionHandle(OrtApi api, nint pointer) : OrtHandle(api, pointer)
{
    private protected override void Release() => Api.ReleaseSession(handle);
}
