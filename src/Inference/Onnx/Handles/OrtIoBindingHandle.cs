namespace MaoOcr.Inference.Onnx.Handles;

/// <summary>An <c>OrtIoBinding</c> of one session (see <see cref="OrtIoBinding"/>), which must be released before the session.</summary>
internal sealed class OrtIoBindingHandle(OrtApi api, nint pointer) : OrtHandle(api, pointer)
{
    private protected override void Release() => Api.ReleaseIoBinding(handle);
}
