using System.Buffers;

namespace MaoOcr.Benchmarks.Transport.Micro;

/// <summary>
/// A <see cref="ReadOnlySequence{T}"/> of two segments, as Kestrel's pipe hands out bytes that arrived in two reads, so
/// that the benchmarks measure the split path too (Kestrel's own parser benchmarks do the same).
/// </summary>
internal static class TwoSegmentSequence
{
    public static ReadOnlySequence<byte> Split(byte[] bytes, int at)
    {
        var first = new Segment(bytes.AsMemory(0, at), 0);
        Segment second = first.Append(bytes.AsMemory(at));
        return new ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
