namespace MaoOcr.Inference.Onnx.Handles;

/// <summary>An <c>OrtSessionOptions</c>: how a session is built, released once the session exists.</summary>
internal sealed class OrtSessionOptionsHandle(OrtApi api, nint pointer) : OrtHandle(api, pointer)
{
    private protected override void Release() => Api.ReleaseSessionOptions(handle);
}
