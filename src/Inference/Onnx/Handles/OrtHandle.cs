using System.Runtime.InteropServices;

namespace MaoOcr.Inference.Onnx.Handles;

/// <summary>
/// Owns one native ORT object. Each kind of object is a sealed subclass that releases through its own
/// <c>Release*</c> accessor on <see cref="OrtApi"/>, and the accessors take the subclass they mean: a value
/// cannot be passed where a session is expected, nor released as something else (a wrong slot compiles no more).
/// </summary>
/// <remarks>
/// <see cref="Api"/> is the table of the library that made the object: with two ORT builds loaded in one process,
/// an object goes back only to the library it came from.
/// </remarks>
internal abstract class OrtHandle : SafeHandle
{
    private protected OrtHandle(OrtApi api, nint pointer) : base(0, ownsHandle: true)
    {
        Api = api;
        SetHandle(pointer);
    }

    /// <summary>The table of the library that made this object.</summary>
    internal OrtApi Api { get; }

    public override bool IsInvalid => handle == 0;

    protected sealed override bool ReleaseHandle()
    {
        // ORT's Release* functions return void: there is no failure to report.
        Release();
        return true;
    }

    /// <summary>Calls this kind's own release slot on <see cref="SafeHandle.handle"/>; runs once, on a valid handle.</summary>
    private protected abstract void Release();
}
