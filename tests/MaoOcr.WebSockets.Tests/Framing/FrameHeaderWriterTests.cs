using System.Buffers;

namespace MaoOcr.WebSockets.Tests.Framing;

/// <summary>The writer against the RFC's own examples, the parser, and the rules it must refuse to break.</summary>
public sealed class FrameHeaderWriterTests
{
    [Fact]
    public void Rfc6455Examples_WrittenByteForByte()
    {
        // RFC 6455 §5.7.
        Span<byte> header = stackalloc byte[WebSocketConstants.MaxHeaderLength];

        int written = FrameHeaderWriter.Write(header, WebSocketOpcode.Text, fin: true, rsv1: false, 5, mask: null);
        Assert.Equal(TestFrames.Hex("8105"), header[..written].ToArray());

        written = FrameHeaderWriter.Write(header, WebSocketOpcode.Text, fin: true, rsv1: false, 5, TestFrames.KeyValue(TestFrames.Hex("37fa213d")));
        Assert.Equal(TestFrames.Hex("8185 37fa213d"), header[..written].ToArray());

        written = FrameHeaderWriter.Write(header, WebSocketOpcode.Text, fin: false, rsv1: false, 3, mask: null);
        Assert.Equal(TestFrames.Hex("0103"), header[..written].ToArray());
        written = FrameHeaderWriter.Write(header, WebSocketOpcode.Continuation, fin: true, rsv1: false, 2, mask: null);
        Assert.Equal(TestFrames.Hex("8002"), header[..written].ToArray());

        written = FrameHeaderWriter.Write(header, WebSocketOpcode.Ping, fin: true, rsv1: false, 5, mask: null);
        Assert.Equal(TestFrames.Hex("8905"), header[..written].ToArray());

        written = FrameHeaderWriter.Write(header, WebSocketOpcode.Binary, fin: true, rsv1: false, 256, mask: null);
        Assert.Equal(TestFrames.Hex("827E 0100"), header[..written].ToArray());

        written = FrameHeaderWriter.Write(header, WebSocketOpcode.Binary, fin: true, rsv1: false, 65_536, mask: null);
        Assert.Equal(TestFrames.Hex("827F 0000000000010000"), header[..written].ToArray());
    }

    [Theory]
    [InlineData(0L, 2)]
    [InlineData(125L, 2)]
    [InlineData(126L, 4)]
    [InlineData(65_535L, 4)]
    [InlineData(65_536L, 10)]
    [InlineData(long.MaxValue, 10)]
    public void MinimalEncoding_RoundTripsThroughTheParser(long payloadLength, int unmaskedLength)
    {
        foreach (bool masked in new[] { false, true })
        {
            foreach (bool rsv1 in new[] { false, true })
            {
                uint? key = masked ? 0xA1B2C3D4u : null;
                byte[] header = new byte[WebSocketConstants.MaxHeaderLength];
                int written = FrameHeaderWriter.Write(header, WebSocketOpcode.Binary, fin: !rsv1, rsv1, payloadLength, key);
                Assert.Equal(unmaskedLength + (masked ? 4 : 0), written);
                Assert.Equal(written, FrameHeaderWriter.GetHeaderLength(payloadLength, masked));

                // A masked frame is what a server receives; an unmasked one what a client receives.
                var rules = new FrameRules(masked ? WebSocketRole.Server : WebSocketRole.Client, allowRsv1: true, long.MaxValue);
                var reader = new SequenceReader<byte>(SegmentedSequence.TwoSegments(header[..written], written / 2));
                Assert.Equal(FrameParseStatus.Complete, FrameHeaderParser.TryParse(ref reader, rules, out FrameHeader parsed, out _));
                Assert.Equal(WebSocketOpcode.Binary, parsed.Opcode);
                Assert.Equal(!rsv1, parsed.Fin);
                Assert.Equal(rsv1, parsed.Rsv1);
                Assert.Equal(payloadLength, parsed.PayloadLength);
                Assert.Equal(written, parsed.HeaderLength);
                Assert.Equal(key ?? 0u, parsed.MaskKey);
            }
        }
    }

    [Fact]
    public void AutoFragmentedMessage_ReassemblesThroughParserAndMasking()
    {
        // Autobahn 10.1.1 sends 65,536 bytes; here we write them in 1,300-byte frames as a client and read them back as a server.
        var random = new Random(10_1_1);
        byte[] message = TestFrames.RandomBytes(random, 65_536);
        var wire = new List<byte>();
        for (int start = 0; start < message.Length; start += 1300)
        {
            int length = Math.Min(1300, message.Length - start);
            uint key = (uint)random.Next();
            byte[] header = new byte[WebSocketConstants.MaxHeaderLength];
            int written = FrameHeaderWriter.Write(header, start == 0 ? WebSocketOpcode.Binary : WebSocketOpcode.Continuation,
                fin: start + length == message.Length, rsv1: false, length, key);
            wire.AddRange(header[..written]);
            byte[] payload = message.AsSpan(start, length).ToArray();
            Masking.Apply(payload, key, 0);
            wire.AddRange(payload);
        }

        var reader = new SequenceReader<byte>(SegmentedSequence.Random([.. wire], random, maxPieces: 40));
        var tracker = new FragmentTracker(new WebSocketLimits());
        var received = new List<byte>();
        AcceptedFrame frame;
        do
        {
            Assert.Equal(FrameParseStatus.Complete, FrameHeaderParser.TryParse(ref reader, FrameRules.ForServer(new WebSocketLimits(), false), out FrameHeader header, out _));
            Assert.True(tracker.TryAccept(header, out frame, out _));
            byte[] payload = new byte[header.PayloadLength];
            Masking.Unmask(reader.Sequence.Slice(reader.Position, header.PayloadLength), payload, header.MaskKey, 0);
            reader.Advance(header.PayloadLength);
            received.AddRange(payload);
        }
        while (!frame.EndsMessage);
        Assert.Equal(message, received);
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData(0x9, false, false, 0L)] // fragmented ping
    [InlineData(0x8, true, false, 126L)] // close over 125 bytes
    [InlineData(0xA, true, true, 0L)] // compressed pong
    [InlineData(0x0, false, true, 10L)] // compressed continuation
    [InlineData(0x3, true, false, 0L)] // reserved data opcode
    [InlineData(0xB, true, false, 0L)] // reserved control opcode
    [InlineData(0x10, true, false, 0L)] // not a 4-bit opcode
    public void FrameThatBreaksTheProtocol_Throws(int opcode, bool fin, bool rsv1, long payloadLength) =>
        Assert.Throws<ArgumentException>(() => FrameHeaderWriter.Write(new byte[14], (WebSocketOpcode)opcode, fin, rsv1, payloadLength, mask: null));

    [Fact]
    public void NegativeLengthOrShortDestination_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FrameHeaderWriter.Write(new byte[14], WebSocketOpcode.Text, true, false, -1, null));
        Assert.Throws<ArgumentException>(() => FrameHeaderWriter.Write(new byte[9], WebSocketOpcode.Text, true, false, 65_536, null));
        Assert.Throws<ArgumentException>(() => FrameHeaderWriter.Write(new byte[5], WebSocketOpcode.Text, true, false, 0, 1u));
        Assert.Equal(6, FrameHeaderWriter.Write(new byte[6], WebSocketOpcode.Text, true, false, 0, 1u));
    }
}
