namespace MaoOcr.Inference.Onnx.Handles;

/// <summary>An <c>OrtEnv</c>: the runtime's environment, which outlives every session (see <see cref="OrtRuntime"/>).</summary>
internal sealed class OrtEnvHandle(OrtApi api, nint pointer) : OrtHandle(api, pointer)
{
    private protected override void Release() => Api.ReleaseEnv(handle);
}
