using System.Runtime.InteropServices;

namespace MaoOcr.Inference.Onnx;

/// <summary>
/// Key/value pairs as the two arrays of null-terminated UTF-8 strings that ORT's <c>Update*ProviderOptions</c> take.
/// Everything is native memory owned here and freed by <see cref="Dispose"/>; ORT copies what it keeps.
/// </summary>
internal readonly unsafe ref struct Utf8Pairs
{
    public Utf8Pairs(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        Count = (nuint)pairs.Count;
        Keys = (byte**)NativeMemory.AllocZeroed(Count, (nuint)sizeof(byte*));
        Values = (byte**)NativeMemory.AllocZeroed(Count, (nuint)sizeof(byte*));
        for (int i = 0; i < pairs.Count; i++)
        {
            Keys[i] = Utf8Z.Alloc(pairs[i].Key);
            Values[i] = Utf8Z.Alloc(pairs[i].Value);
        }
    }

    public byte** Keys { get; }

    public byte** Values { get; }

    public nuint Count { get; }

    /// <summary>Frees every string and both arrays; call once (a <c>using</c> does).</summary>
    public void Dispose()
    {
        for (nuint i = 0; i < Count; i++)
        {
            Utf8Z.Free(Keys[i]);
            Utf8Z.Free(Values[i]);
        }
        NativeMemory.Free(Keys);
        NativeMemory.Free(Values);
    }
}
