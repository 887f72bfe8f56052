using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using MaoOcr.Testing.Buffers;

namespace MaoOcr.Appliance.Tests.Protocol;

public sealed class ClientMessageParserTests
{
    private static readonly byte[] s_image = Enumerable.Range(0, 3000).Select(i => (byte)(i * 7)).ToArray();
    private readonly ClientMessageParser _parser = new(new ProtocolLimits());

    [Fact]
    public void Request_with_fields_in_any_order_is_parsed_whole_and_in_random_pieces()
    {
        string json = $$$"""{"data":{"requirements":{"document_type":"invoice","language":"en","accuracy_requirement":"high"},"image":"{{{Convert.ToBase64String(s_image)}}}"},"timestamp":1764000000.5,"type":"ocr_request","id":"r-1"}""";
        var random = new Random(5);
        for (int round = 0; round < 50; round++)
        {
            Assert.True(_parser.TryParseText(SegmentedSequence.Random(Encoding.UTF8.GetBytes(json), random), out ClientMessage? message, out ProtocolError error), error.Message);
            using (message)
            {
                Assert.Equal(ClientMessageKind.OcrRequest, message!.Kind);
                Assert.Equal("r-1", message.Id);
                Assert.Equal(1764000000.5, message.Timestamp);
                Assert.Equal(new Requirements("invoice", RecognitionLanguage.English, RecognitionAccuracy.High), message.Requirements);
                Assert.False(message.IsBatch);
                Assert.Equal(s_image, Assert.Single(message.Images).Memory.ToArray());
            }
        }
    }

    [Fact]
    public void Data_url_escaped_slashes_and_line_breaks_in_base64_are_accepted()
    {
        string base64 = Convert.ToBase64String(s_image, Base64FormattingOptions.InsertLineBreaks).Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("/", "\\/", StringComparison.Ordinal);
        string json = $$$"""{"type":"ocr_request","id":"x","data":{"image":"data:image/png;base64,{{{base64}}}"}}""";
        Assert.True(_parser.TryParseText(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), out ClientMessage? message, out ProtocolError error), error.Message);
        using (message)
        {
            Assert.Equal(s_image, message!.Images[0].Memory.ToArray());
            Assert.Equal(Requirements.Default, message.Requirements);
        }
    }

    [Fact]
    public void Batch_carries_each_image_in_order()
    {
        byte[][] images = [s_image[..10], s_image[10..500], s_image[500..]];
        string json = $$$"""{"type":"ocr_request","id":7,"data":{"images":[{{{string.Join(',', images.Select(i => $"\"{Convert.ToBase64String(i)}\""))}}}]}}""";
        Assert.True(_parser.TryParseText(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), out ClientMessage? message, out ProtocolError error), error.Message);
        using (message)
        {
            Assert.Equal("7", message!.Id);
            Assert.True(message.IsBatch);
            Assert.Equal(images, message.Images.Select(i => i.Memory.ToArray()));
        }
    }

    [Fact]
    public void Binary_request_carries_raw_image_bytes_after_the_envelope()
    {
        var random = new Random(9);
        byte[] payload = Binary("""{"type":"ocr_request","id":"b1","data":{"requirements":{"language":"ch"}}}""", s_image);
        for (int round = 0; round < 30; round++)
        {
            Assert.True(_parser.TryParseBinary(SegmentedSequence.Random(payload, random), out ClientMessage? message, out ProtocolError error), error.Message);
            using (message)
            {
                Assert.Equal(RecognitionLanguage.Chinese, message!.Requirements.Language);
                Assert.Equal(s_image, Assert.Single(message.Images).Memory.ToArray());
            }
        }
    }

    [Fact]
    public void Binary_batch_is_split_by_image_sizes()
    {
        byte[] payload = Binary("""{"type":"ocr_request","id":"b2","data":{"image_sizes":[1000,2000]}}""", s_image);
        Assert.True(_parser.TryParseBinary(new ReadOnlySequence<byte>(payload), out ClientMessage? message, out ProtocolError error), error.Message);
        using (message)
        {
            Assert.True(message!.IsBatch);
            Assert.Equal([s_image[..1000], s_image[1000..]], message.Images.Select(i => i.Memory.ToArray()));
        }
    }

    [Fact]
    public void Ping_is_parsed_with_its_id()
    {
        Assert.True(_parser.TryParseText(Text("""{"type":"ping","id":"p-9","timestamp":1,"data":{}}"""), out ClientMessage? message, out _));
        Assert.Equal(ClientMessageKind.Ping, message!.Kind);
        Assert.Equal("p-9", message.Id);
    }

    [Theory]
    [InlineData("not json", ErrorCode.InvalidMessage, "not valid JSON")]
    [InlineData("[1,2]", ErrorCode.InvalidMessage, "JSON object")]
    [InlineData("""{"id":"a","data":{}}""", ErrorCode.InvalidMessage, "no \"type\"")]
    [InlineData("""{"type":"ocr_result","id":"a","data":{}}""", ErrorCode.InvalidMessage, "Unknown message type 'ocr_result'")]
    [InlineData("""{"type":"ocr_request","data":{"image":"AAAA"}}""", ErrorCode.InvalidMessage, "needs an \"id\"")]
    [InlineData("""{"type":"ocr_request","id":"a"}""", ErrorCode.InvalidMessage, "\"data\" object")]
    [InlineData("""{"type":"ocr_request","id":"a","data":{}}""", ErrorCode.InvalidMessage, "needs data.image")]
    [InlineData("""{"type":"ocr_request","id":"a","data":{"image":"AAAA","images":["AAAA"]}}""", ErrorCode.InvalidMessage, "not both")]
    [InlineData("""{"type":"ocr_request","id":"a","data":{"image":42}}""", ErrorCode.InvalidMessage, "base64 string")]
    [InlineData("""{"type":"ocr_request","id":"a","data":{"image":"not base64!"}}""", ErrorCode.InvalidImage, "not valid base64")]
    [InlineData("""{"type":"ocr_request","id":"a","data":{"image":""}}""", ErrorCode.InvalidImage, "empty")]
    [InlineData("""{"type":"ocr_request","id":"a","data":{"image":"AAAA","requirements":{"language":"klingon"}}}""", ErrorCode.InvalidMessage, "Unknown language 'klingon'")]
    [InlineData("""{"type":"ocr_request","id":"a","data":{"image":"AAAA","requirements":{"accuracy_requirement":"max"}}}""", ErrorCode.InvalidMessage, "Unknown accuracy_requirement 'max'")]
    [InlineData("""{"type":"ocr_request","id":"a","data":{"image":"AAAA","requirements":"high"}}""", ErrorCode.InvalidMessage, "requirements is an object")]
    [InlineData("""{"type":"ocr_request","id":"a","data":{"image":"AAAA","requirements":{"language":5}}}""", ErrorCode.InvalidMessage, "data.requirements.language is a string")]
    [InlineData("""{"type":"ocr_request","id":"a","data":{"image":"AAAA","requirements":{"accuracy_requirement":{"level":"high"}}}}""", ErrorCode.InvalidMessage, "data.requirements.accuracy_requirement is a string")]
    [InlineData("""{"type":"ocr_request","id":"a","data":{"image":"AAAA","requirements":{"document_type":["invoice"]}}}""", ErrorCode.InvalidMessage, "data.requirements.document_type is a string")]
    [InlineData("""{"type":"ocr_request","id":"a","data":{"images":[]}}""", ErrorCode.InvalidImage, "no image data")]
    public void Bad_text_messages_are_refused_with_a_code_and_a_reason(string json, ErrorCode code, string reason)
    {
        Assert.False(_parser.TryParseText(Text(json), out ClientMessage? message, out ProtocolError error));
        Assert.Null(message);
        Assert.Equal(code, error.Code);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusals_keep_the_request_id_when_it_was_readable()
    {
        Assert.False(_parser.TryParseText(Text("""{"data":{"image":"@@@@"},"type":"ocr_request","id":"keep-me"}"""), out _, out ProtocolError error));
        Assert.Equal("keep-me", error.RequestId);
    }

    [Fact]
    public void Oversized_image_is_refused_before_it_is_decoded()
    {
        var parser = new ClientMessageParser(new ProtocolLimits { MaxImageBytes = 1000 });
        string json = $$$"""{"type":"ocr_request","id":"big","data":{"image":"{{{Convert.ToBase64String(new byte[1003])}}}"}}""";
        Assert.False(parser.TryParseText(Text(json), out _, out ProtocolError error));
        Assert.Equal(ErrorCode.ImageTooLarge, error.Code);

        // Exactly at the limit is accepted.
        string atLimit = $$$"""{"type":"ocr_request","id":"ok","data":{"image":"{{{Convert.ToBase64String(new byte[1000])}}}"}}""";
        Assert.True(parser.TryParseText(Text(atLimit), out ClientMessage? message, out _));
        message!.Dispose();
    }

    [Fact]
    public void Too_many_images_in_a_batch_are_refused()
    {
        var parser = new ClientMessageParser(new ProtocolLimits { MaxImagesPerRequest = 2 });
        Assert.False(parser.TryParseText(Text("""{"type":"ocr_request","id":"a","data":{"images":["AAAA","AAAA","AAAA"]}}"""), out _, out ProtocolError error));
        Assert.Contains("at most 2", error.Message, StringComparison.Ordinal);
        byte[] binary = Binary("""{"type":"ocr_request","id":"b","data":{"image_sizes":[1,1,1]}}""", [1, 2, 3]);
        Assert.False(parser.TryParseBinary(new ReadOnlySequence<byte>(binary), out _, out error));
        Assert.Contains("at most 2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0 }, "4-byte envelope length")]
    [InlineData(new byte[] { 0, 0, 0, 0, 1 }, "envelope length 0")]
    [InlineData(new byte[] { 0, 0, 0, 9, (byte)'{', (byte)'}' }, "envelope length 9")]
    [InlineData(new byte[] { 0x7F, 0, 0, 0, (byte)'{', (byte)'}' }, "envelope length")]
    public void Bad_binary_prefixes_are_refused(byte[] payload, string reason)
    {
        Assert.False(_parser.TryParseBinary(new ReadOnlySequence<byte>(payload), out _, out ProtocolError error));
        Assert.Equal(ErrorCode.InvalidMessage, error.Code);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_sizes_that_disagree_with_the_bytes_and_inline_images_are_refused()
    {
        Assert.False(_parser.TryParseBinary(new ReadOnlySequence<byte>(Binary("""{"type":"ocr_request","id":"a","data":{"image_sizes":[10,10]}}""", new byte[25])), out _, out ProtocolError error));
        Assert.Contains("add up to 20 bytes but 25 follow", error.Message, StringComparison.Ordinal);

        Assert.False(_parser.TryParseBinary(new ReadOnlySequence<byte>(Binary("""{"type":"ocr_request","id":"a","data":{"image":"AAAA"}}""", new byte[5])), out _, out error));
        Assert.Contains("after the envelope", error.Message, StringComparison.Ordinal);

        Assert.False(_parser.TryParseBinary(new ReadOnlySequence<byte>(Binary("""{"type":"ocr_request","id":"a","data":{}}""", [])), out _, out error));
        Assert.Equal(ErrorCode.InvalidImage, error.Code);
    }

    private static ReadOnlySequence<byte> Text(string json) => new(Encoding.UTF8.GetBytes(json));

    private static byte[] Binary(string envelope, byte[] images)
    {
        byte[] json = Encoding.UTF8.GetBytes(envelope);
        byte[] payload = new byte[4 + json.Length + images.Length];
        BinaryPrimitives.WriteUInt32BigEndian(payload, (uint)json.Length);
        json.CopyTo(payload, 4);
        images.CopyTo(payload, 4 + json.Length);
        return payload;
    }
}
