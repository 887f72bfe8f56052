using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MaoOcr.Inference.Onnx.Handles;

namespace MaoOcr.Inference.Onnx;

/// <summary>
/// A typed view of one library's <c>OrtApi</c> table. Each accessor calls one slot through an unmanaged function
/// pointer: no delegates, no marshalling stubs, nothing for the trimmer to keep. The accessors are named after their
/// slots, take and return the handle type of each object they touch (see <see cref="OrtHandle"/>), and are the only
/// code that reads <see cref="OrtApiSlots"/>. Slots that return an <c>OrtStatus*</c> go through <see cref="Check"/>,
/// the one status-to-exception path; every such accessor throws <see cref="OrtException"/> when ORT reports a failure.
/// </summary>
/// <remarks>The accessors are split by concern: sessions, tensors, providers, IO binding and releases.</remarks>
internal readonly unsafe partial struct OrtApi
{
    private readonly void** _table;

    public OrtApi(void* table)
    {
        Debug.Assert(table != null);
        _table = (void**)table;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void* Slot(int index) => _table[index];

    /// <summary>
    /// The native pointer of a handle this library made. A handle from another ORT build loaded in the same process
    /// would be a pointer into that library's heap, which this table must never see.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private nint Native(OrtHandle handle)
    {
        Debug.Assert(handle.Api._table == _table, "An ORT object was passed to a library other than the one that made it.");
        return handle.DangerousGetHandle();
    }

    /// <summary>Turns a status into an exception, always releasing the status. Null means success.</summary>
    /// <exception cref="OrtException">The status is not null: ORT's code and message.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Check(nint status)
    {
        if (status != 0)
        {
            ThrowFromStatus(status);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    [DoesNotReturn]
    private void ThrowFromStatus(nint status)
    {
        OrtErrorCode code;
        string message;
        try
        {
            code = (OrtErrorCode)((delegate* unmanaged<nint, int>)Slot(OrtApiSlots.GetErrorCode))(status);
            message = Marshal.PtrToStringUTF8(((delegate* unmanaged<nint, nint>)Slot(OrtApiSlots.GetErrorMessage))(status)) ?? "(no message)";
        }
        finally
        {
            ((delegate* unmanaged<nint, void>)Slot(OrtApiSlots.ReleaseStatus))(status);
        }
        throw new OrtException(code, message);
    }
}
