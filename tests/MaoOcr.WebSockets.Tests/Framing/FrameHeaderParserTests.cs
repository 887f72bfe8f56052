using System.Buffers;

namespace MaoOcr.WebSockets.Tests.Framing;

/// <summary>
/// Every header rule, accepted and refused, in both roles (the sealed subclasses below), with the same bytes fed whole,
/// split in two at every position, one byte per segment, and in seeded random pieces.
/// </summary>
public abstract class FrameHeaderParserTests
{
    private const int Seeds = 25;

    private protected abstract WebSocketRole Role { get; }

    /// <summary>The masking key frames we receive carry: present for a server, absent for a client.</summary>
    private byte[]? ReceivedKey => Role == WebSocketRole.Server ? TestFrames.DefaultKey : null;

    private int MaskBytes => Role == WebSocketRole.Server ? 4 : 0;

    private FrameRules Rules(bool allowRsv1 = false, long maxFrame = long.MaxValue) => new(Role, allowRsv1, maxFrame);

    private byte[] Frame(int opcode, int payloadLength = 0, bool fin = true, int rsv = 0, LengthForm form = LengthForm.Minimal, ulong? declared = null) =>
        TestFrames.Build(opcode, new byte[payloadLength], fin, rsv, ReceivedKey, form, declared);

    // ---- Accepted ----

    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 2)]
    [InlineData(125, 2)]
    [InlineData(126, 4)]
    [InlineData(127, 4)]
    [InlineData(65_535, 4)]
    [InlineData(65_536, 10)]
    public void Length_EachForm_ParsedFromEveryFeeding(int payloadLength, int unmaskedHeaderLength)
    {
        byte[] frame = Frame(0x2, payloadLength);
        AssertCompleteEverywhere(frame, Rules(), header =>
        {
            Assert.Equal(WebSocketOpcode.Binary, header.Opcode);
            Assert.True(header.Fin);
            Assert.Equal(payloadLength, header.PayloadLength);
            Assert.Equal(unmaskedHeaderLength + MaskBytes, header.HeaderLength);
            Assert.Equal(Role == WebSocketRole.Server, header.Masked);
            Assert.Equal(Role == WebSocketRole.Server ? TestFrames.KeyValue(TestFrames.DefaultKey) : 0u, header.MaskKey);
        });
    }

    [Theory]
    [InlineData(65_536UL)]
    [InlineData(uint.MaxValue + 1UL)]
    [InlineData((ulong)long.MaxValue)]
    public void Length_64BitUpToTopBit_Accepted(ulong declared)
    {
        byte[] header = Frame(0x2, declared: declared);
        AssertCompleteEverywhere(header, Rules(), h => Assert.Equal((long)declared, h.PayloadLength));
    }

    [Theory]
    [InlineData(0x0, false)]
    [InlineData(0x1, true)]
    [InlineData(0x1, false)]
    [InlineData(0x2, true)]
    [InlineData(0x8, true)]
    [InlineData(0x9, true)]
    [InlineData(0xA, true)]
    public void DefinedOpcodes_Accepted(int opcode, bool fin)
    {
        AssertCompleteEverywhere(Frame(opcode, 3, fin), Rules(), h =>
        {
            Assert.Equal((WebSocketOpcode)opcode, h.Opcode);
            Assert.Equal(fin, h.Fin);
            Assert.Equal(opcode >= 8, h.IsControl);
        });
    }

    [Fact]
    public void ControlFrame_Of125Bytes_Accepted()
    {
        foreach (int opcode in new[] { 0x8, 0x9, 0xA })
        {
            AssertCompleteEverywhere(Frame(opcode, 125), Rules(maxFrame: 125), h => Assert.Equal(125, h.PayloadLength));
        }
    }

    [Theory]
    [InlineData(0x1)]
    [InlineData(0x2)]
    public void Rsv1_OnFirstDataFrame_AcceptedWhenNegotiated(int opcode)
    {
        AssertCompleteEverywhere(Frame(opcode, 10, fin: false, rsv: 0b100), Rules(allowRsv1: true), h => Assert.True(h.Rsv1));
    }

    [Fact]
    public void FrameOfExactlyTheLimit_Accepted()
    {
        AssertCompleteEverywhere(Frame(0x2, declared: 70_000), Rules(maxFrame: 70_000), h => Assert.Equal(70_000, h.PayloadLength));
    }

    [Fact]
    public void Incomplete_EveryPrefix_NeedsMoreDataAndConsumesNothing()
    {
        byte[] frame = Frame(0x1, 70_000);
        int headerLength = 10 + MaskBytes;
        for (int length = 0; length < headerLength; length++)
        {
            var reader = new SequenceReader<byte>(SegmentedSequence.TwoSegments(frame[..length], length / 2));
            Assert.Equal(FrameParseStatus.NeedMoreData, FrameHeaderParser.TryParse(ref reader, Rules(), out _, out FrameError error));
            Assert.Equal(0, reader.Consumed);
            Assert.Equal(FrameErrorReason.None, error.Reason);
        }
    }

    [Fact]
    public void BackToBackFrames_EachParsedAfterSkippingThePayload()
    {
        byte[][] frames = [Frame(0x1, 5, fin: false), Frame(0x9, 0), Frame(0x0, 300, fin: false), Frame(0xA, 125), Frame(0x0, 70_000)];
        byte[] stream = frames.SelectMany(f => f).ToArray();
        long[] payloads = [5, 0, 300, 125, 70_000];
        WebSocketOpcode[] opcodes = [WebSocketOpcode.Text, WebSocketOpcode.Ping, WebSocketOpcode.Continuation, WebSocketOpcode.Pong, WebSocketOpcode.Continuation];
        var random = new Random(6455);
        for (int seed = 0; seed < Seeds; seed++)
        {
            var reader = new SequenceReader<byte>(SegmentedSequence.Random(stream, random, maxPieces: 20));
            for (int i = 0; i < frames.Length; i++)
            {
                Assert.Equal(FrameParseStatus.Complete, FrameHeaderParser.TryParse(ref reader, Rules(), out FrameHeader header, out _));
                Assert.Equal(opcodes[i], header.Opcode);
                Assert.Equal(payloads[i], header.PayloadLength);
                reader.Advance(header.PayloadLength);
            }
            Assert.True(reader.End);
        }
    }

    // ---- Refused ----

    [Theory]
    [InlineData(0x3)]
    [InlineData(0x4)]
    [InlineData(0x5)]
    [InlineData(0x6)]
    [InlineData(0x7)]
    [InlineData(0xB)]
    [InlineData(0xC)]
    [InlineData(0xD)]
    [InlineData(0xE)]
    [InlineData(0xF)]
    public void ReservedOpcode_RefusedOnTheFirstByte(int opcode) =>
        AssertRefusedEverywhere(Frame(opcode, 0), Rules(allowRsv1: true), FrameErrorReason.ReservedOpcode, decidedAtByte: 0);

    [Theory]
    [InlineData(0x1, 0b010, true)]
    [InlineData(0x1, 0b001, true)]
    [InlineData(0x2, 0b011, true)]
    [InlineData(0x9, 0b010, false)]
    [InlineData(0x1, 0b100, false)]
    [InlineData(0x2, 0b100, false)]
    [InlineData(0x0, 0b100, false)]
    [InlineData(0x1, 0b111, true)]
    public void ReservedBits_WithoutAnExtension_Refused(int opcode, int rsv, bool allowRsv1) =>
        AssertRefusedEverywhere(Frame(opcode, 1, rsv: rsv), Rules(allowRsv1), FrameErrorReason.ReservedBitSet, decidedAtByte: 0);

    [Theory]
    [InlineData(0x8)]
    [InlineData(0x9)]
    [InlineData(0xA)]
    public void Rsv1_OnControlFrame_RefusedEvenWhenNegotiated(int opcode) =>
        AssertRefusedEverywhere(Frame(opcode, 1, rsv: 0b100), Rules(allowRsv1: true), FrameErrorReason.CompressedControlFrame, decidedAtByte: 0);

    [Fact]
    public void Rsv1_OnContinuation_RefusedEvenWhenNegotiated() =>
        AssertRefusedEverywhere(Frame(0x0, 1, fin: false, rsv: 0b100), Rules(allowRsv1: true), FrameErrorReason.CompressedContinuation, decidedAtByte: 0);

    [Theory]
    [InlineData(0x8)]
    [InlineData(0x9)]
    [InlineData(0xA)]
    public void ControlFrame_WithoutFin_Refused(int opcode) =>
        AssertRefusedEverywhere(Frame(opcode, 0, fin: false), Rules(), FrameErrorReason.FragmentedControlFrame, decidedAtByte: 0);

    [Theory]
    [InlineData(0x8, 126)]
    [InlineData(0x9, 126)]
    [InlineData(0xA, 127)]
    [InlineData(0x9, 65_536)]
    public void ControlFrame_Over125Bytes_RefusedOnTheSecondByte(int opcode, int payloadLength) =>
        AssertRefusedEverywhere(Frame(opcode, payloadLength), Rules(), FrameErrorReason.ControlFrameTooLong, decidedAtByte: 1);

    [Theory]
    [InlineData(0UL, LengthForm.Force16Bit)]
    [InlineData(125UL, LengthForm.Force16Bit)]
    [InlineData(0UL, LengthForm.Force64Bit)]
    [InlineData(125UL, LengthForm.Force64Bit)]
    [InlineData(126UL, LengthForm.Force64Bit)]
    [InlineData(65_535UL, LengthForm.Force64Bit)]
    public void NonMinimalLength_RefusedBeforeTheMaskArrives(ulong length, LengthForm form)
    {
        int lastLengthByte = form == LengthForm.Force16Bit ? 3 : 9;
        AssertRefusedEverywhere(Frame(0x2, form: form, declared: length), Rules(), FrameErrorReason.NonMinimalLength, decidedAtByte: lastLengthByte);
    }

    [Theory]
    [InlineData(0x8000_0000_0000_0000UL)]
    [InlineData(ulong.MaxValue)]
    public void Length_WithTopBitSet_Refused(ulong length) =>
        AssertRefusedEverywhere(Frame(0x2, declared: length), Rules(), FrameErrorReason.PayloadLengthOverflow, decidedAtByte: 9);

    [Theory]
    [InlineData(126L, 125L, 3)]
    [InlineData(70_001L, 70_000L, 9)]
    [InlineData(16L * 1024 * 1024 + 1, 16L * 1024 * 1024, 9)]
    public void FrameOverTheLimit_RefusedWith1009BeforeThePayload(long length, long limit, int decidedAtByte)
    {
        byte[] header = Frame(0x1, declared: (ulong)length);
        AssertRefusedEverywhere(header, Rules(maxFrame: limit), FrameErrorReason.FrameTooBig, decidedAtByte);
        Assert.Equal(CloseStatusCodes.MessageTooBig, new FrameError(FrameErrorReason.FrameTooBig).CloseStatus);
    }

    [Theory]
    [InlineData(0x1)]
    [InlineData(0x9)]
    public void WrongMasking_RefusedForTheRole(int opcode)
    {
        // A server receives masked frames only; a client unmasked only (RFC 6455 §5.1).
        byte[]? wrongKey = Role == WebSocketRole.Server ? null : TestFrames.DefaultKey;
        byte[] frame = TestFrames.Build(opcode, new byte[4], key: wrongKey);
        FrameErrorReason expected = Role == WebSocketRole.Server ? FrameErrorReason.UnmaskedClientFrame : FrameErrorReason.MaskedServerFrame;
        AssertRefusedEverywhere(frame, Rules(), expected, decidedAtByte: 1);
    }

    // ---- Feeding ----

    /// <summary>
    /// Whole, split in two at every position of the header (and a little past it), one byte per segment over the
    /// header, and seeded random pieces anywhere.
    /// </summary>
    private static IEnumerable<ReadOnlySequence<byte>> Feedings(byte[] bytes)
    {
        yield return new ReadOnlySequence<byte>(bytes);
        int head = Math.Min(bytes.Length, WebSocketConstants.MaxHeaderLength + 4);
        for (int at = 0; at <= head; at++)
        {
            yield return SegmentedSequence.TwoSegments(bytes, at);
        }
        yield return SegmentedSequence.FromPieces(
            Enumerable.Range(0, head).Select(i => (ReadOnlyMemory<byte>)bytes.AsMemory(i, 1)).Append(bytes.AsMemory(head)));
        var random = new Random(bytes.Length);
        for (int seed = 0; seed < Seeds; seed++)
        {
            yield return SegmentedSequence.Random(bytes, random);
        }
    }

    private static void AssertCompleteEverywhere(byte[] frame, FrameRules rules, Action<FrameHeader> check)
    {
        foreach (ReadOnlySequence<byte> sequence in Feedings(frame))
        {
            var reader = new SequenceReader<byte>(sequence);
            Assert.Equal(FrameParseStatus.Complete, FrameHeaderParser.TryParse(ref reader, rules, out FrameHeader header, out FrameError error));
            Assert.Equal(FrameErrorReason.None, error.Reason);
            Assert.Equal(header.HeaderLength, reader.Consumed);
            check(header);
        }
    }

    /// <summary>
    /// Refused in every feeding, and as the bytes arrive one at a time (a pipe that accumulates): NeedMoreData until
    /// byte <paramref name="decidedAtByte"/> is there, Invalid from then on, never consuming.
    /// </summary>
    private static void AssertRefusedEverywhere(byte[] frame, FrameRules rules, FrameErrorReason reason, int decidedAtByte)
    {
        foreach (ReadOnlySequence<byte> sequence in Feedings(frame))
        {
            var reader = new SequenceReader<byte>(sequence);
            Assert.Equal(FrameParseStatus.Invalid, FrameHeaderParser.TryParse(ref reader, rules, out _, out FrameError error));
            Assert.Equal(reason, error.Reason);
            Assert.Equal(0, reader.Consumed);
        }
        var random = new Random(decidedAtByte);
        for (int available = 0; available <= Math.Min(frame.Length, WebSocketConstants.MaxHeaderLength); available++)
        {
            var reader = new SequenceReader<byte>(SegmentedSequence.Random(frame[..available], random));
            FrameParseStatus status = FrameHeaderParser.TryParse(ref reader, rules, out _, out FrameError error);
            Assert.Equal(available > decidedAtByte ? FrameParseStatus.Invalid : FrameParseStatus.NeedMoreData, status);
            Assert.Equal(available > decidedAtByte ? reason : FrameErrorReason.None, error.Reason);
            Assert.Equal(0, reader.Consumed);
        }
        ushort expectedStatus = reason == FrameErrorReason.FrameTooBig ? CloseStatusCodes.MessageTooBig : CloseStatusCodes.ProtocolError;
        Assert.Equal(expectedStatus, new FrameError(reason).CloseStatus);
    }
}

public sealed class ServerFrameHeaderParserTests : FrameHeaderParserTests
{
    private protected override WebSocketRole Role => WebSocketRole.Server;
}

public sealed class ClientFrameHeaderParserTests : FrameHeaderParserTests
{
    private protected override WebSocketRole Role => WebSocketRole.Client;
}
