using System.Buffers;

namespace MaoOcr.EdgeServer.Tests.Protocol;

/// <summary>Builds multi-segment sequences, as messages assembled from several frames are.</summary>
internal static class Sequences
{
    public static ReadOnlySequence<byte> Split(byte[] bytes, Random random, int maxPieces = 6)
    {
        int pieces = random.Next(1, maxPieces + 1);
        var cuts = Enumerable.Range(0, pieces - 1).Select(_ => random.Next(0, bytes.Length + 1)).Order().ToList();
        Segment? first = null, last = null;
        int start = 0;
        foreach (int cut in cuts.Append(bytes.Length))
        {
            var memory = new ReadOnlyMemory<byte>(bytes, start, cut - start);
            if (first is null)
            {
                first = last = new Segment(memory, 0);
            }
            else
            {
                last = last!.Append(memory);
            }
            start = cut;
        }
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
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
