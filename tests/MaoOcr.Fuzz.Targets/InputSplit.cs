using System.Buffers;
using MaoOcr.Testing.Buffers;

namespace MaoOcr.Fuzz.Targets;

/// <summary>
/// The same bytes as a multi-segment sequence, cut where the input's own hash says: the fuzzer mutates the cut points
/// along with the bytes, and a crash input replays with the same cuts.
/// </summary>
internal static class InputSplit
{
    /// <summary>Most segments a split makes: enough to put a cut inside a header and another inside a value.</summary>
    private const int MaxPieces = 4;

    /// <summary>A sequence of 1 to <see cref="MaxPieces"/> segments (some possibly empty) holding <paramref name="bytes"/>.</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes) =>
        SegmentedSequence.Random(bytes, new Random(Hash(bytes)), MaxPieces);

    /// <summary>FNV-1a: any stable hash will do; this one needs no state.</summary>
    public static int Hash(ReadOnlySpan<byte> bytes)
    {
        const uint OffsetBasis = 2166136261;
        const uint Prime = 16777619;
        uint hash = OffsetBasis;
        foreach (byte b in bytes)
        {
            hash = (hash ^ b) * Prime;
        }
        return (int)hash;
    }
}
