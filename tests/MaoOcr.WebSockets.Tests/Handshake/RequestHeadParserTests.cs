using System.Buffers;
using System.Text;

namespace MaoOcr.WebSockets.Tests.Handshake;

/// <summary>
/// The request-head parser, fed every head whole, split in two at every position, one byte per segment, and in seeded
/// random pieces: the answer must never depend on where the transport cut the bytes.
/// </summary>
public sealed class RequestHeadParserTests
{
    private const int Seeds = 40;

    private static readonly byte[] s_trailing = [0x81, 0x85, 1, 2, 3, 4];

    private static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    /// <summary>Every way of cutting <paramref name="bytes"/> that the tests try.</summary>
    private static IEnumerable<ReadOnlySequence<byte>> Splits(byte[] bytes)
    {
        yield return new ReadOnlySequence<byte>(bytes);
        for (int at = 0; at <= bytes.Length; at++)
        {
            yield return SegmentedSequence.TwoSegments(bytes, at);
        }
        yield return SegmentedSequence.ByteByByte(bytes);
        for (int seed = 0; seed < Seeds; seed++)
        {
            yield return SegmentedSequence.Random(bytes, new Random(seed), maxPieces: 12);
        }
    }

    private static RequestHeadParseStatus Parse(ReadOnlySequence<byte> buffer, out SequencePosition consumed, out RequestHead? head, out RequestHeadError error, RequestHeadLimits? limits = null) =>
        RequestHeadParser.TryParse(buffer, limits ?? new RequestHeadLimits(), out consumed, out head, out error);

    [Fact]
    public void Upgrade_head_followed_by_frame_bytes_parses_the_same_in_every_split_and_consumes_only_the_head()
    {
        string text = HandshakeRequests.Upgrade(target: "/ws/ocr?token=abc&x=1", extra: ["Sec-WebSocket-Extensions: permessage-deflate", "X-Dup: a", "x-dup:  b \t"]);
        byte[] bytes = [.. Bytes(text), .. s_trailing];
        foreach (ReadOnlySequence<byte> buffer in Splits(bytes))
        {
            Assert.Equal(RequestHeadParseStatus.Complete, Parse(buffer, out SequencePosition consumed, out RequestHead? head, out RequestHeadError error));
            Assert.Equal(RequestHeadError.None, error);
            Assert.Equal(s_trailing, buffer.Slice(consumed).ToArray());
            Assert.NotNull(head);
            Assert.Equal("GET", head.Method);
            Assert.Equal("/ws/ocr?token=abc&x=1", head.Target);
            Assert.Equal("/ws/ocr", head.Path);
            Assert.Equal("token=abc&x=1", head.Query);
            Assert.Equal("HTTP/1.1", head.Version);
            Assert.Equal(8, head.Headers.Count);
            Assert.Equal("edge.local:8080", head.GetFirst("HOST"));
            Assert.Equal(HandshakeRequests.RfcKey, head.GetFirst("sec-websocket-key"));
            Assert.Equal(["a", "b"], head.GetValues("X-DUP"));
            Assert.Equal(2, head.Count("x-dup"));
            Assert.Null(head.GetFirst("Origin"));
            Assert.Empty(head.GetValues("Origin"));
        }
    }

    [Fact]
    public void Reader_overload_advances_past_the_head_only()
    {
        byte[] bytes = [.. Bytes("GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n"), .. s_trailing];
        var reader = new SequenceReader<byte>(SegmentedSequence.TwoSegments(bytes, 7));
        Assert.Equal(RequestHeadParseStatus.Complete, RequestHeadParser.TryParse(ref reader, new RequestHeadLimits(), out RequestHead? head, out _));
        Assert.Equal(bytes.Length - s_trailing.Length, reader.Consumed);
        Assert.Equal("/healthz", head!.Path);
        Assert.Equal(string.Empty, head.Query);
    }

    [Fact]
    public void Every_proper_prefix_needs_more_data_and_consumes_nothing()
    {
        byte[] bytes = Bytes(HandshakeRequests.Upgrade());
        for (int length = 0; length < bytes.Length; length++)
        {
            var random = new Random(length);
            ReadOnlySequence<byte> buffer = SegmentedSequence.Random(bytes[..length], random);
            Assert.Equal(RequestHeadParseStatus.NeedMoreData, Parse(buffer, out SequencePosition consumed, out RequestHead? head, out RequestHeadError error));
            Assert.Equal(0, buffer.Slice(buffer.Start, consumed).Length);
            Assert.Null(head);
            Assert.Equal(RequestHeadError.None, error);
        }
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\nHost: a\r\n\r\n", nameof(RequestHeadError.BareLineEnding))]
    [InlineData("GET / HTTP/1.1\r\nHost: a\n\r\n", nameof(RequestHeadError.BareLineEnding))]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\n\n", nameof(RequestHeadError.BareLineEnding))]
    [InlineData("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", nameof(RequestHeadError.BareLineEnding))]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", nameof(RequestHeadError.ObsoleteLineFolding))]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\n\tfolded\r\n\r\n", nameof(RequestHeadError.ObsoleteLineFolding))]
    [InlineData("GET / HTTP/1.1\r\nHost : a\r\n\r\n", nameof(RequestHeadError.WhitespaceBeforeColon))]
    [InlineData("GET / HTTP/1.1\r\nHost\t: a\r\n\r\n", nameof(RequestHeadError.WhitespaceBeforeColon))]
    [InlineData("GET / HTTP/1.1\r\nHo(st: a\r\n\r\n", nameof(RequestHeadError.InvalidHeaderName))]
    [InlineData("GET / HTTP/1.1\r\nHo\u00e9st: a\r\n\r\n", nameof(RequestHeadError.InvalidHeaderName))]
    [InlineData("GET / HTTP/1.1\r\n: a\r\n\r\n", nameof(RequestHeadError.InvalidHeaderName))]
    [InlineData("GET / HTTP/1.1\r\nHost a\r\n\r\n", nameof(RequestHeadError.MissingColon))]
    [InlineData("GET / HTTP/1.1\r\nHost: a\u0001b\r\n\r\n", nameof(RequestHeadError.InvalidHeaderValue))]
    [InlineData("GET / HTTP/1.1\r\nHost: a\u007fb\r\n\r\n", nameof(RequestHeadError.InvalidHeaderValue))]
    [InlineData("GET /  HTTP/1.1\r\n\r\n", nameof(RequestHeadError.InvalidRequestLine))]
    [InlineData("GET  / HTTP/1.1\r\n\r\n", nameof(RequestHeadError.InvalidRequestLine))]
    [InlineData(" GET / HTTP/1.1\r\n\r\n", nameof(RequestHeadError.InvalidRequestLine))]
    [InlineData("GET /\r\n\r\n", nameof(RequestHeadError.InvalidRequestLine))]
    [InlineData("GET / HTTP/1.1 \r\n\r\n", nameof(RequestHeadError.InvalidRequestLine))]
    [InlineData("GET / HTTP/11\r\n\r\n", nameof(RequestHeadError.InvalidRequestLine))]
    [InlineData("GET / http/1.1\r\n\r\n", nameof(RequestHeadError.InvalidRequestLine))]
    [InlineData("G(T / HTTP/1.1\r\n\r\n", nameof(RequestHeadError.InvalidRequestLine))]
    [InlineData("GET /\u00e9 HTTP/1.1\r\n\r\n", nameof(RequestHeadError.InvalidRequestLine))]
    [InlineData("\r\nGET / HTTP/1.1\r\n\r\n", nameof(RequestHeadError.InvalidRequestLine))]
    public void Broken_heads_are_invalid_in_every_split(string text, string expectedError)
    {
        RequestHeadError expected = Enum.Parse<RequestHeadError>(expectedError);
        foreach (ReadOnlySequence<byte> buffer in Splits(Bytes(text)))
        {
            Assert.Equal(RequestHeadParseStatus.Invalid, Parse(buffer, out SequencePosition consumed, out RequestHead? head, out RequestHeadError error));
            Assert.Equal(expected, error);
            Assert.Null(head);
            Assert.Equal(buffer.Start, consumed);
        }
    }

    [Fact]
    public void Optional_whitespace_around_values_is_trimmed_and_empty_values_are_kept()
    {
        RequestHead head = HandshakeRequests.Parse("GET / HTTP/1.1\r\nA:\t x y \t\r\nB:\r\nC: \u00e9\r\n\r\n");
        Assert.Equal("x y", head.GetFirst("a"));
        Assert.Equal(string.Empty, head.GetFirst("b"));
        Assert.Equal("\u00e9", head.GetFirst("c"));
    }

    [Fact]
    public void Default_limits_are_Kestrels()
    {
        Assert.Equal(32 * 1024, new RequestHeadLimits().MaxHeadBytes);
        Assert.Equal(100, new RequestHeadLimits().MaxHeaderCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RequestHeadLimits { MaxHeadBytes = 63 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RequestHeadLimits { MaxHeaderCount = 0 });
    }

    [Fact]
    public void Head_of_exactly_the_limit_is_complete_and_one_byte_more_is_too_large()
    {
        var limits = new RequestHeadLimits { MaxHeadBytes = 1024 };
        string start = "GET /ws/ocr HTTP/1.1\r\nX-Pad: ";
        string end = "\r\n\r\n";
        string exact = start + new string('p', 1024 - start.Length - end.Length) + end;
        Assert.Equal(1024, exact.Length);
        string over = start + new string('p', 1025 - start.Length - end.Length) + end;
        foreach (ReadOnlySequence<byte> buffer in Splits(Bytes(exact)).Take(60))
        {
            Assert.Equal(RequestHeadParseStatus.Complete, Parse(buffer, out _, out _, out _, limits));
        }
        foreach (ReadOnlySequence<byte> buffer in Splits(Bytes(over)).Take(60))
        {
            Assert.Equal(RequestHeadParseStatus.Invalid, Parse(buffer, out _, out _, out RequestHeadError error, limits));
            Assert.Equal(RequestHeadError.HeadTooLarge, error);
        }
    }

    [Fact]
    public void Head_over_the_default_limit_is_too_large_before_its_end_arrives()
    {
        // 40 KiB of header lines and no empty line yet: refused as soon as more than 32 KiB is buffered.
        var builder = new StringBuilder("GET /ws/ocr HTTP/1.1\r\n");
        for (int i = 0; builder.Length < 40 * 1024; i++)
        {
            builder.Append(HeaderName(i)).Append(": ").Append('v', 1000).Append("\r\n");
        }
        byte[] bytes = Bytes(builder.ToString());
        for (int seed = 0; seed < Seeds; seed++)
        {
            ReadOnlySequence<byte> buffer = SegmentedSequence.Random(bytes, new Random(seed), maxPieces: 20);
            Assert.Equal(RequestHeadParseStatus.Invalid, Parse(buffer, out SequencePosition consumed, out _, out RequestHeadError error));
            Assert.Equal(RequestHeadError.HeadTooLarge, error);
            Assert.Equal(buffer.Start, consumed);
        }
        // Up to the limit it is still only incomplete.
        Assert.Equal(RequestHeadParseStatus.NeedMoreData, Parse(new ReadOnlySequence<byte>(bytes, 0, 32 * 1024), out _, out _, out _));

        static string HeaderName(int i) => "X-H" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Theory]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void Header_count_limit_is_one_hundred(int count, bool complete)
    {
        RequestHeadParseStatus expected = complete ? RequestHeadParseStatus.Complete : RequestHeadParseStatus.Invalid;
        var builder = new StringBuilder("GET / HTTP/1.1\r\n");
        for (int i = 0; i < count; i++)
        {
            builder.Append("A: b\r\n");
        }
        byte[] bytes = Bytes(builder.Append("\r\n").ToString());
        for (int seed = 0; seed < 10; seed++)
        {
            Assert.Equal(expected, Parse(SegmentedSequence.Random(bytes, new Random(seed)), out _, out RequestHead? head, out RequestHeadError error));
            Assert.Equal(expected == RequestHeadParseStatus.Complete ? RequestHeadError.None : RequestHeadError.TooManyHeaders, error);
            Assert.Equal(expected == RequestHeadParseStatus.Complete ? count : null, head?.Headers.Count);
        }
    }
}
