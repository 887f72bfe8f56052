using System.Runtime.InteropServices;

namespace MaoOcr.Inference.Onnx;

/// <summary>
/// Owns one native ORT object. The release function is the object's <c>Release*</c> slot in the
/// table of the library that made it, so handles from two ORT builds in one process never mix.
/// </summary>
internal sealed class OrtHandle : SafeHandle
{
    private readonly OrtApi _api;

    internal OrtApi Api => _api;
    private readonly int _releaseSlot;

    public OrtHandle(OrtApi api, int releaseSlot, nint handle) : base(0, ownsHandle: true)
    {
        _api = api;
        _releaseSlot = releaseSlot;
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        _api.Release(_releaseSlot, handle);
        return true;
    }
}
