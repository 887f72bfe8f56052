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

internal static class OrtHandleExtensions
{
    /// <summary>Sets the terminate flag on a run-options handle; called from a cancellation callback.</summary>
    public static void Terminate(this OrtHandle? runOptions)
    {
        if (runOptions is null)
        {
            return;
        }
        bool added = false;
        try
        {
            runOptions.DangerousAddRef(ref added);
            runOptions.Api.RunOptionsSetTerminate(runOptions.DangerousGetHandle());
        }
        catch (ObjectDisposedException)
        {
            // The run already finished and released its options: nothing to stop.
        }
        finally
        {
            if (added)
            {
                runOptions.DangerousRelease();
            }
        }
    }
}
