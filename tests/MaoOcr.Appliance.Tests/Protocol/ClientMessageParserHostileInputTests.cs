using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using MaoOcr.Testing.Buffers;

namespace MaoOcr.Appliance.Tests.Protocol;

/// <summary>
/// The parser is total: whatever bytes arrive, whole or in random pieces, it returns a message or a refusal and never
/// throws. Each refusal names what is wrong and keeps the envelope's id whenever that was readable.
/// </summary>
public sealed class ClientMessageParserHostileInputTests
{
    private const int Rounds = 30;

    private static readonly string s_image = Convert.ToBase64String(Enumerable.Range(0, 300).Select(i => (byte)i).ToArray());

    /// <summary>Byte sequences that are not UTF-8: a stray continuation, a cut sequence, an encoded surrogate, an overlong, beyond U+10FFFF.</summary>
    private static readonly byte[][] s_badUtf8 =
    [
        [0x80],
        [0xC3],
        [0xE2, 0x82],
        [0xED, 0xA0, 0x80],
        [0xC0, 0xAF],
        [0xF4, 0x90, 0x80, 0x80],
        [0xFF],
    ];

    private readonly ClientMessageParser _parser = new(new ProtocolLimits());

    /// <summary>A JSON escape that decodes to half a surrogate pair is no string at all, wherever it stands.</summary>
    public static TheoryData<string, string?> LoneSurrogates => new()
    {
        { """{"type":"\udc00","id":"s-1","data":{}}""", "s-1" },
        { """{"type":"ocr_request","id":"\udc00","data":{"image":"AAAA"}}""", null },
        { """{"type":"ping","id":"s-\ud800","data":{}}""", null },
        { """{"type":"ping","id":"s-\ud800\u0041","data":{}}""", null },
        { """{"type":"ping","id":"s-\udc00\ud800","data":{}}""", null },
        { """{"type":"ocr_request","id":"s-2","data":{"image":"AAAA","requirements":{"document_type":"\udc00"}}}""", "s-2" },
        { """{"type":"ocr_request","id":"s-3","data":{"image":"AAAA","requirements":{"language":"e\ud800n"}}}""", "s-3" },
        { """{"type":"ocr_request","id":"s-4","data":{"image":"AAAA","requirements":{"accuracy_requirement":"\udfff"}}}""", "s-4" },
        { """{"type":"ocr_request","id":"s-5","data":{"image":"AA\udc00AA"}}""", "s-5" },
        { """{"type":"ocr_request","id":"s-6","data":{"images":["AAAA","\ud800"]}}""", "s-6" },
    };

    [Theory]
    [MemberData(nameof(LoneSurrogates))]
    public void A_lone_surrogate_escape_in_any_field_is_invalid_message(string json, string? requestId)
    {
        var random = new Random(3);
        for (int round = 0; round < Rounds; round++)
        {
            ProtocolError error = Refused(json, random);
            Assert.Equal(ErrorCode.InvalidMessage, error.Code);
            Assert.Contains("UTF-16", error.Message, StringComparison.Ordinal);
            Assert.Equal(requestId, error.RequestId);
        }
    }

    /// <summary>
    /// Unlike bytes that are not UTF-8, such an escape is JSON by the grammar (RFC 8259 §8.2), so where the parser reads
    /// nothing (an unknown field's name or value) it is ignored with the field.
    /// </summary>
    [Theory]
    [InlineData("""{"type":"ping","\udc00":1,"id":"i-1","data":{}}""")]
    [InlineData("""{"type":"ping","id":"i-1","note":"\ud800","data":{"\udc00x":"\udfff"}}""")]
    [InlineData("""{"\ud800\ud800":["\udc00"],"type":"ping","id":"i-1","data":{}}""")]
    public void A_lone_surrogate_escape_in_an_ignored_field_is_ignored_with_it(string json)
    {
        var random = new Random(10);
        for (int round = 0; round < Rounds; round++)
        {
            Assert.True(_parser.TryParseText(SegmentedSequence.Random(Encoding.UTF8.GetBytes(json), random), out ClientMessage? message, out ProtocolError error), error.Message);
            Assert.Equal("i-1", message!.Id);
        }
        string request = $$$$"""{"type":"ocr_request","id":"i-2","data":{"\udc00":0,"image":"{{{{s_image}}}}","requirements":{"\ud800":"\udc00","language":"en"}}}""";
        Assert.True(_parser.TryParseText(SegmentedSequence.Random(Encoding.UTF8.GetBytes(request), random), out ClientMessage? parsed, out ProtocolError refusal), refusal.Message);
        using (parsed)
        {
            Assert.Equal(RecognitionLanguage.English, parsed!.Requirements.Language);
        }
    }

    [Fact]
    public void A_surrogate_pair_escape_is_one_character()
    {
        string json = $$$$"""{"type":"ocr_request","id":"pair-\ud83d\ude00","data":{"image":"{{{{s_image}}}}","requirements":{"document_type":"\ud83d\udcc4 invoice"}}}""";
        Assert.True(_parser.TryParseText(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), out ClientMessage? message, out ProtocolError error), error.Message);
        using (message)
        {
            Assert.Equal("pair-😀", message!.Id);
            Assert.Equal("📄 invoice", message.Requirements.DocumentType);
        }
    }

    /// <summary>Where the bad bytes go in an envelope; "BAD" is replaced by them. The id is readable where it is not the bad field.</summary>
    public static TheoryData<string, string?> Envelopes => new()
    {
        { """{"type":"ocr_reqBADuest","id":"u-1","data":{}}""", "u-1" },
        { """{"type":"ocr_request","id":"u-BAD","data":{}}""", null },
        { """{"type":"ocr_request","id":"u-2","data":{"requirements":{"document_type":"BAD"}}}""", "u-2" },
        { """{"type":"ocr_request","id":"u-3","data":{"requirements":{"language":"enBAD"}}}""", "u-3" },
        { """{"type":"ocr_request","id":"u-4","data":{"requirements":{"accuracy_requirement":"BAD"}}}""", "u-4" },
        { """{"type":"ocr_request","id":"u-5","data":{"note":"BAD"}}""", "u-5" },
        { """{"type":"ocr_request","id":"u-6","BAD":1,"data":{}}""", "u-6" },
    };

    /// <summary>In the binary form's envelope (images after it) and in a text message (the image inline) alike.</summary>
    [Theory]
    [MemberData(nameof(Envelopes))]
    public void Invalid_utf8_anywhere_in_the_json_is_invalid_message(string json, string? requestId)
    {
        var random = new Random(4);
        foreach (byte[] bad in s_badUtf8)
        {
            byte[] binary = Binary(Splice(json, bad), [1, 2, 3, 4]);
            byte[] text = Splice(json.Replace("{}}", "{\"image\":\"AAAA\"}}", StringComparison.Ordinal), bad);
            for (int round = 0; round < Rounds; round++)
            {
                foreach (bool isBinary in new[] { true, false })
                {
                    ReadOnlySequence<byte> pieces = SegmentedSequence.Random(isBinary ? binary : text, random);
                    bool parsed = isBinary
                        ? _parser.TryParseBinary(pieces, out ClientMessage? message, out ProtocolError error)
                        : _parser.TryParseText(pieces, out message, out error);
                    Assert.False(parsed);
                    Assert.Null(message);
                    Assert.Equal(ErrorCode.InvalidMessage, error.Code);
                    Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
                    Assert.Equal(requestId, error.RequestId);
                }
            }
        }
    }

    /// <summary>An envelope field that holds an object or an array is refused as a whole: its inner keys are never envelope fields.</summary>
    public static TheoryData<string, string, string?> NestedEnvelopeFields => new()
    {
        { """{"type":{"type":"ping"},"id":"n-1","data":{}}""", "\"type\"", "n-1" },
        { """{"id":"n-2","type":["ping"],"data":{}}""", "\"type\"", "n-2" },
        { """{"type":{"id":"inner","data":{}},"id":"n-3"}""", "\"type\"", "n-3" },
        { """{"type":42,"id":"n-4","data":{}}""", "\"type\"", "n-4" },
        { """{"type":"ping","id":{"id":"x"},"data":{}}""", "\"id\"", null },
        { """{"id":["x"],"type":"ocr_request","data":{"image":"AAAA"}}""", "\"id\"", null },
        { """{"type":"ocr_request","id":true,"data":{"image":"AAAA"}}""", "\"id\"", null },
        { """{"type":{"a":1},"id":{"id":"x"},"data":{}}""", "\"type\"", null },
    };

    [Theory]
    [MemberData(nameof(NestedEnvelopeFields))]
    public void A_type_or_id_that_is_not_a_string_is_refused_naming_the_field(string json, string field, string? requestId)
    {
        var random = new Random(6);
        for (int round = 0; round < Rounds; round++)
        {
            ProtocolError error = Refused(json, random);
            Assert.Equal(ErrorCode.InvalidMessage, error.Code);
            Assert.StartsWith($"The message's {field}", error.Message, StringComparison.Ordinal);
            Assert.Equal(requestId, error.RequestId);
        }
    }

    [Theory]
    [InlineData("""{"timestamp":{"timestamp":1,"data":{},"type":"ping"},"type":"ocr_request","id":"t-1","data":{"image":"IMAGE"}}""")]
    [InlineData("""{"type":"ocr_request","timestamp":[1,{"data":{}}],"id":"t-1","data":{"image":"IMAGE"}}""")]
    [InlineData("""{"type":"ocr_request","id":"t-1","data":{"image":"IMAGE"},"timestamp":"yesterday"}""")]
    public void A_timestamp_that_is_not_a_number_is_skipped_whole(string json)
    {
        var random = new Random(7);
        byte[] bytes = Encoding.UTF8.GetBytes(json.Replace("IMAGE", s_image, StringComparison.Ordinal));
        for (int round = 0; round < Rounds; round++)
        {
            Assert.True(_parser.TryParseText(SegmentedSequence.Random(bytes, random), out ClientMessage? message, out ProtocolError error), error.Message);
            using (message)
            {
                Assert.Equal(ClientMessageKind.OcrRequest, message!.Kind);
                Assert.Equal("t-1", message.Id);
                Assert.Null(message.Timestamp);
                Assert.Equal(Convert.FromBase64String(s_image), Assert.Single(message.Images).Memory.ToArray());
            }
        }
    }

    [Theory]
    [InlineData("""{"type":"ping","id":"p-1","data":{}}xyz""", "p-1")]
    [InlineData("""{"type":"ping","id":"p-2","data":{}}{}""", "p-2")]
    [InlineData("""{"type":"ping","id":"p-3","data":{}} 1""", "p-3")]
    [InlineData("""{"type":"ping","id":"p-4","data":{}}}""", "p-4")]
    [InlineData("""{"type":"ocr_request","id":"p-5","data":{"image":"AAAA"}}]""", "p-5")]
    public void Anything_but_whitespace_after_the_json_object_is_invalid_message(string json, string requestId)
    {
        var random = new Random(8);
        for (int round = 0; round < Rounds; round++)
        {
            ProtocolError error = Refused(json, random);
            Assert.Equal(ErrorCode.InvalidMessage, error.Code);
            Assert.Equal(requestId, error.RequestId);

            Assert.False(_parser.TryParseBinary(SegmentedSequence.Random(Binary(Encoding.UTF8.GetBytes(json), [1, 2, 3]), random), out _, out error));
            Assert.Equal(ErrorCode.InvalidMessage, error.Code);
            Assert.Equal(requestId, error.RequestId);
        }
    }

    [Fact]
    public void Whitespace_after_the_json_object_is_fine()
    {
        Assert.True(_parser.TryParseText(new ReadOnlySequence<byte>(" {\"type\":\"ping\",\"id\":\"w\",\"data\":{}} \r\n\t "u8.ToArray()), out ClientMessage? message, out ProtocolError error), error.Message);
        Assert.Equal("w", message!.Id);
    }

    /// <summary>Random bytes and random cuts of valid messages: always a result, never an exception.</summary>
    [Fact]
    public void Random_garbage_and_truncations_always_get_a_result()
    {
        var random = new Random(9);
        byte[] valid = Encoding.UTF8.GetBytes($$$$"""{"type":"ocr_request","id":"g","timestamp":1.5,"data":{"image":"{{{{s_image}}}}","requirements":{"language":"en"}}}""");
        for (int round = 0; round < 2000; round++)
        {
            byte[] bytes = round % 2 == 0 ? valid[..random.Next(valid.Length)] : RandomBytes(random, valid);
            bool parsed = _parser.TryParseText(SegmentedSequence.Random(bytes, random), out ClientMessage? message, out ProtocolError error);
            Assert.True(parsed == message is not null);
            Assert.True(parsed || !string.IsNullOrEmpty(error.Message));
            message?.Dispose();
            parsed = _parser.TryParseBinary(SegmentedSequence.Random(Binary(bytes, [1, 2]), random), out message, out error);
            Assert.True(parsed || !string.IsNullOrEmpty(error.Message));
            message?.Dispose();
        }
    }

    private static byte[] RandomBytes(Random random, byte[] valid)
    {
        byte[] bytes = (byte[])valid.Clone();
        for (int i = random.Next(1, 6); i > 0; i--)
        {
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        }
        return bytes;
    }

    private ProtocolError Refused(string json, Random random)
    {
        Assert.False(_parser.TryParseText(SegmentedSequence.Random(Encoding.UTF8.GetBytes(json), random), out ClientMessage? message, out ProtocolError error));
        Assert.Null(message);
        return error;
    }

    /// <summary>
    /// Found by fuzzing (benchmarks/Fuzz, client-message-json: the one-byte message <c>n</c> in two segments, the second
    /// empty). Utf8JsonReader's multi-segment path throws IndexOutOfRangeException, not JsonException, on a literal that
    /// the data ends inside (dotnet/runtime#134448, .NET 10.0.12), so the parser reads JSON from one contiguous buffer.
    /// </summary>
    [Theory]
    [InlineData("n")]
    [InlineData("t")]
    [InlineData("fals")]
    [InlineData("[tr")]
    [InlineData("{\"type\":nul")]
    public void A_literal_cut_short_at_a_segment_end_is_invalid_message(string json)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        for (int at = 1; at <= bytes.Length; at++)
        {
            ReadOnlySequence<byte> pieces = SegmentedSequence.FromPieces([bytes.AsMemory(0, at), bytes.AsMemory(at), ReadOnlyMemory<byte>.Empty]);
            Assert.False(_parser.TryParseText(pieces, out ClientMessage? message, out ProtocolError error));
            Assert.Null(message);
            Assert.Equal(ErrorCode.InvalidMessage, error.Code);
            Assert.False(_parser.TryParseBinary(SegmentedSequence.TwoSegments(Binary(bytes, []), 4 + at), out _, out error));
            Assert.Equal(ErrorCode.InvalidMessage, error.Code);
        }
    }

    /// <summary>
    /// Found while writing the client-message-binary fuzz target's contract (the fuzzer stopped at the crash above first).
    /// Sizes whose sum passes long.MaxValue wrapped round to the length that follows the envelope, and the split then
    /// sliced past the end (ArgumentOutOfRangeException).
    /// </summary>
    [Fact]
    public void Image_sizes_whose_sum_overflows_are_invalid_message()
    {
        byte[] envelope = Encoding.UTF8.GetBytes("""{"type":"ocr_request","id":"o-1","data":{"image_sizes":[5,9223372036854775807,9223372036854775807]}}""");
        Assert.False(_parser.TryParseBinary(new ReadOnlySequence<byte>(Binary(envelope, [1, 2, 3])), out ClientMessage? message, out ProtocolError error));
        Assert.Null(message);
        Assert.Equal(ErrorCode.InvalidMessage, error.Code);
        Assert.Equal("o-1", error.RequestId);
    }

    private static byte[] Splice(string text, byte[] bad)
    {
        int at = text.IndexOf("BAD", StringComparison.Ordinal);
        return [.. Encoding.UTF8.GetBytes(text[..at]), .. bad, .. Encoding.UTF8.GetBytes(text[(at + 3)..])];
    }

    private static byte[] Binary(byte[] envelope, byte[] images)
    {
        byte[] payload = new byte[4 + envelope.Length + images.Length];
        BinaryPrimitives.WriteUInt32BigEndian(payload, (uint)envelope.Length);
        envelope.CopyTo(payload, 4);
        images.CopyTo(payload, 4 + envelope.Length);
        return payload;
    }
}
