using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MaoOcr.Inference.Onnx;

/// <summary>
/// A float buffer on the pinned object heap, rented from <see cref="TensorBufferPool"/>. ORT tensors are
/// built straight over it (no copy) because its address never moves. Dispose returns it to the pool: like
/// an ArrayPool rental, dispose exactly one copy of the struct, once.
/// </summary>
public readonly struct TensorBuffer : IDisposable
{
    private readonly TensorBufferPool? _pool;

    internal TensorBuffer(TensorBufferPool pool, float[] array, int length)
    {
        Debug.Assert(length <= array.Length);
        _pool = pool;
        Array = array;
        Length = length;
    }

    /// <summary>The pinned backing array; may be longer than <see cref="Length"/>.</summary>
    public float[] Array { get; }

    /// <summary>Elements in use.</summary>
    public int Length { get; }

    public Span<float> Span => Array.AsSpan(0, Length);

    internal unsafe float* Pointer => (float*)Unsafe.AsPointer(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(Array));

    public void Dispose() => _pool?.Return(Array);
}
