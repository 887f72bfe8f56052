using System.Buffers;

namespace MaoOcr.Testing.Buffers;

/// <summary>Builds multi-segment sequences, as a pipe hands them out when data arrives in several reads.</summary>
public static class SegmentedSequence
{
    /// <summary>One sequence whose segments are the given pieces, in order (empty pieces included).</summary>
    public static ReadOnlySequence<byte> FromPieces(IEnumerable<ReadOnlyMemory<byte>> pieces)
    {
        Segment? first = null;
        Segment? last = null;
        foreach (ReadOnlyMemory<byte> piece in pieces)
        {
            if (last is null)
            {
                first = last = new Segment(piece, 0);
            }
            else
            {
                last = last.Append(piece);
            }
        }
        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    /// <summary>Two segments, split at <paramref name="at"/> (either may be empty).</summary>
    public static ReadOnlySequence<byte> TwoSegments(byte[] bytes, int at) =>
        FromPieces([bytes.AsMemory(0, at), bytes.AsMemory(at)]);

    /// <summary>One segment per byte.</summary>
    public static ReadOnlySequence<byte> ByteByByte(byte[] bytes) =>
        FromPieces(Enumerable.Range(0, bytes.Length).Select(i => (ReadOnlyMemory<byte>)bytes.AsMemory(i, 1)));

    /// <summary>Random cut points into pieces (some possibly empty), the same for the same <paramref name="random"/> state.</summary>
    public static List<ReadOnlyMemory<byte>> RandomPieces(byte[] bytes, Random random, int maxPieces = 8)
    {
        int cuts = random.Next(0, maxPieces);
        var points = Enumerable.Range(0, cuts).Select(_ => random.Next(0, bytes.Length + 1)).Append(0).Append(bytes.Length).Order().ToList();
        var pieces = new List<ReadOnlyMemory<byte>>();
        for (int i = 1; i < points.Count; i++)
        {
            pieces.Add(bytes.AsMemory(points[i - 1], points[i] - points[i - 1]));
        }
        return pieces;
    }

    /// <summary>A sequence of random pieces.</summary>
    public static ReadOnlySequence<byte> Random(byte[] bytes, Random random, int maxPieces = 8) =>
        FromPieces(RandomPieces(bytes, random, maxPieces));

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
