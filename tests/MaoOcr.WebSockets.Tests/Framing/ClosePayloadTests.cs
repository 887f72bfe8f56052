using System.Buffers.Binary;
using System.Text;

namespace MaoOcr.WebSockets.Tests.Framing;

/// <summary>Close payloads received (Autobahn 7.3.x, 7.5.1, 7.7.x, 7.9.x) and sent.</summary>
public sealed class ClosePayloadTests
{
    private static byte[] Payload(int code, ReadOnlySpan<byte> reason)
    {
        byte[] payload = new byte[2 + reason.Length];
        BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)code);
        reason.CopyTo(payload.AsSpan(2));
        return payload;
    }

    [Fact]
    public void Empty_MeansNoStatus1005()
    {
        Assert.True(ClosePayloadParser.TryParse([], out ClosePayload close, out FrameError error));
        Assert.False(close.HasStatus);
        Assert.Equal(CloseStatusCodes.NoStatusReceived, close.StatusCode);
        Assert.True(close.Reason.IsEmpty);
        Assert.Equal(FrameErrorReason.None, error.Reason);
    }

    [Fact]
    public void OneByte_Refused1002()
    {
        Assert.False(ClosePayloadParser.TryParse([0x03], out _, out FrameError error));
        Assert.Equal(FrameErrorReason.TruncatedCloseStatus, error.Reason);
        Assert.Equal(1002, error.CloseStatus);
    }

    [Theory]
    [InlineData(1000, "")]
    [InlineData(1001, "bye")]
    [InlineData(3000, "κόσμε")]
    [InlineData(4999, "")]
    public void StatusAndReason_Read(int code, string reason)
    {
        byte[] payload = Payload(code, Encoding.UTF8.GetBytes(reason));
        Assert.True(ClosePayloadParser.TryParse(payload, out ClosePayload close, out _));
        Assert.True(close.HasStatus);
        Assert.Equal(code, close.StatusCode);
        Assert.Equal(reason, Encoding.UTF8.GetString(close.Reason));
    }

    [Fact]
    public void ReasonOf123Bytes_Accepted_124_Refused()
    {
        Assert.True(ClosePayloadParser.TryParse(Payload(1000, new byte[123].Select(_ => (byte)'*').ToArray()), out ClosePayload close, out _));
        Assert.Equal(123, close.Reason.Length);
        Assert.False(ClosePayloadParser.TryParse(Payload(1000, new byte[124]), out _, out FrameError error));
        Assert.Equal(FrameErrorReason.ControlFrameTooLong, error.Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(999)]
    [InlineData(1004)]
    [InlineData(1005)]
    [InlineData(1006)]
    [InlineData(1015)]
    [InlineData(1016)]
    [InlineData(2999)]
    [InlineData(5000)]
    [InlineData(65535)]
    public void InvalidStatus_Refused1002(int code)
    {
        Assert.False(ClosePayloadParser.TryParse(Payload(code, "x"u8), out _, out FrameError error));
        Assert.Equal(FrameErrorReason.InvalidCloseStatus, error.Reason);
        Assert.Equal(1002, error.CloseStatus);
    }

    [Fact]
    public void Autobahn_7_5_1_InvalidUtf8Reason_Refused1007()
    {
        byte[] reason = TestFrames.Hex("CEBAE1BDB9CF83CEBCCEB5EDA080656469746564");
        Assert.False(ClosePayloadParser.TryParse(Payload(1000, reason), out _, out FrameError error));
        Assert.Equal(FrameErrorReason.InvalidCloseReason, error.Reason);
        Assert.Equal(1007, error.CloseStatus);
    }

    [Fact]
    public void Writer_StatusAndReason_RoundTrip()
    {
        Span<byte> payload = stackalloc byte[WebSocketConstants.MaxControlPayloadLength];
        int written = ClosePayloadWriter.Write(payload, CloseStatusCodes.GoingAway, "server restarting");
        Assert.True(ClosePayloadParser.TryParse(payload[..written], out ClosePayload close, out _));
        Assert.Equal(CloseStatusCodes.GoingAway, close.StatusCode);
        Assert.Equal("server restarting", Encoding.UTF8.GetString(close.Reason));
        Assert.Equal(2, ClosePayloadWriter.Write(payload, CloseStatusCodes.NormalClosure, ""));
    }

    [Fact]
    public void Writer_LongReason_CutAtACharacterBoundaryWithin123Bytes()
    {
        Span<byte> payload = stackalloc byte[WebSocketConstants.MaxControlPayloadLength];
        // 41 three-byte characters are 123 bytes exactly; one more must be dropped whole, not cut.
        string reason = new('識', 42);
        int written = ClosePayloadWriter.Write(payload, 4000, reason);
        Assert.Equal(125, written);
        Assert.True(ClosePayloadParser.TryParse(payload[..written], out ClosePayload close, out _));
        Assert.Equal(new string('識', 41), Encoding.UTF8.GetString(close.Reason));

        // Four-byte characters: 30 fit in 120 bytes, the 31st would need 124.
        written = ClosePayloadWriter.Write(payload, 4000, string.Concat(Enumerable.Repeat("🚀", 31)));
        Assert.Equal(122, written);
        Assert.True(ClosePayloadParser.TryParse(payload[..written], out _, out _));
    }

    [Fact]
    public void Writer_LoneSurrogate_BecomesReplacementCharacter()
    {
        Span<byte> payload = stackalloc byte[WebSocketConstants.MaxControlPayloadLength];
        int written = ClosePayloadWriter.Write(payload, 1000, "a\uD800b");
        Assert.True(ClosePayloadParser.TryParse(payload[..written], out ClosePayload close, out _));
        Assert.Equal("a\uFFFDb", Encoding.UTF8.GetString(close.Reason));
    }

    [Theory]
    [InlineData(1005)]
    [InlineData(1006)]
    [InlineData(999)]
    [InlineData(5000)]
    public void Writer_CodeNotAllowedOnTheWire_Throws(int code) =>
        Assert.Throws<ArgumentException>(() => ClosePayloadWriter.Write(new byte[125], (ushort)code, ""));

    [Fact]
    public void Writer_ShortDestination_Throws() =>
        Assert.Throws<ArgumentException>(() => ClosePayloadWriter.Write(new byte[124], 1000, ""));
}
