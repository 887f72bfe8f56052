namespace MaoOcr.Inference.Onnx.Handles;

/// <summary>An <c>OrtValue</c>: a tensor, either built over our memory (an input) or allocated by ORT (an output).</summary>
internal sealed class OrtValueHandle(OrtApi api, nint pointer) : OrtHandle(api, pointer)
{
    private protected override void Release() => Api.ReleaseValue(handle);
}
