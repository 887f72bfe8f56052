using System.Buffers;

namespace MaoOcr.WebSockets.Tests.Framing;

/// <summary>
/// The hot path allocates nothing: header parsing (including the split path), fragment tracking, unmasking across
/// segments and UTF-8 validation, measured with the thread's allocation counter. No timings are asserted.
/// </summary>
public sealed class AllocationTests
{
    [Fact]
    public void ReceivePath_AllocatesNothingPerFrame()
    {
        var random = new Random(1);
        byte[] text = "MaoOCR κόσμε 識別 🚀 "u8.ToArray();
        byte[] stream = [
            .. TestFrames.Build(0x1, text, fin: false, key: TestFrames.DefaultKey),
            .. TestFrames.Build(0x9, "ping"u8, key: TestFrames.DefaultKey),
            .. TestFrames.Build(0x0, text, key: TestFrames.DefaultKey),
        ];
        ReadOnlySequence<byte> sequence = SegmentedSequence.Random(stream, random, maxPieces: 12);
        var rules = new FrameRules(WebSocketRole.Server, allowRsv1: false, 1 << 20);
        var tracker = new FragmentTracker(1 << 20, 16);
        var utf8 = new Utf8Validator();
        byte[] destination = new byte[256];

        int frames = Receive(sequence, rules, ref tracker, ref utf8, destination); // warm up: JIT, statics
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            frames += Receive(sequence, rules, ref tracker, ref utf8, destination);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(3 * 1001, frames);
        Assert.Equal(0, allocated);
    }

    private static int Receive(ReadOnlySequence<byte> sequence, in FrameRules rules, ref FragmentTracker tracker, ref Utf8Validator utf8, byte[] destination)
    {
        var reader = new SequenceReader<byte>(sequence);
        int frames = 0;
        while (FrameHeaderParser.TryParse(ref reader, rules, out FrameHeader header, out _) == FrameParseStatus.Complete)
        {
            if (!tracker.TryAccept(header, out AcceptedFrame frame, out _))
            {
                return -1;
            }
            Span<byte> payload = destination.AsSpan(0, (int)header.PayloadLength);
            Masking.Unmask(sequence.Slice(reader.Position, header.PayloadLength), payload, header.MaskKey, 0);
            reader.Advance(header.PayloadLength);
            if (!frame.IsControl && !utf8.TryAdvance(payload, frame.EndsMessage))
            {
                return -1;
            }
            frames++;
        }
        return frames;
    }
}
