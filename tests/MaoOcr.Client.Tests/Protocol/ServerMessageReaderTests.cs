using System.Buffers.Binary;
using System.Text;
using MaoOcr.Client.Protocol;

namespace MaoOcr.Client.Tests.Protocol;

/// <summary>
/// The reader on what the golden files do not hold: fields the protocol may send (a rotation, an unknown page source),
/// a batch with a document and its PDF, and binary answers that are broken in every way the framing allows.
/// </summary>
public sealed class ServerMessageReaderTests
{
    private const string Box = "[[10,20],[110,20],[110,40],[10,40]]";

    private static readonly byte[] s_pdf = GoldenMessages.TinyPdf.ToArray();

    [Fact]
    public void Rotation_of_an_image_and_of_a_page_is_read()
    {
        OcrResult image = Result("""{"request_id":"r1","cached":false,"text":"","width":600,"height":800,"lines":[],"rotation":90}""");
        Assert.Equal(90, image.Rotation);

        OcrResult document = Result("""{"request_id":"r1","cached":false,"text":"a","page_count":1,"pages":[{"page":1,"source":"ocr","dpi":300,"width_pt":612,"height_pt":792,"text":"a","width":2550,"height":3300,"lines":[],"rotation":270,"timings":{"total_ms":5}}]}""");
        OcrPage page = Assert.Single(document.Pages);
        Assert.Equal((270, 300.0, 5.0), (page.Rotation, page.Dpi, page.Timings.TotalMs));
    }

    [Fact]
    public void A_page_source_this_sdk_does_not_know_is_other_and_the_answer_is_still_read()
    {
        OcrResult result = Result("""{"request_id":"r1","text":"","page_count":1,"pages":[{"page":1,"source":"vector_outlines","text":"","lines":[]}]}""");
        Assert.Equal(OcrPageSource.Other, Assert.Single(result.Pages).Source);
    }

    [Fact]
    public void A_batch_of_an_image_and_a_pdf_carries_both_kinds_of_result_and_one_searchable_pdf()
    {
        string envelope = $$$"""
            {"type":"ocr_complete","id":"s-1","data":{"request_id":"r9","cached":false,"output":"pdf","pdf_bytes":{{{s_pdf.Length}}},"text":"x\n\ny",
             "results":[{"text":"x","width":10,"height":10,"lines":[{"text":"x","confidence":0.9,"box":{{{Box}}}}],"blocks":[{"text":"x","lines":[0],"box":{{{Box}}}}],"rotation":180},
                        {"text":"y","page_count":1,"pages":[{"page":1,"source":"text_layer","dpi":200,"width_pt":612,"height_pt":792,"text":"y","width":1700,"height":2200,"lines":[{"text":"y","confidence":1,"box":{{{Box}}}}],"blocks":[{"text":"y","lines":[0],"box":{{{Box}}}}]}]}]}}
            """;
        Assert.True(ServerMessageReader.TryReadBinary(Frame(envelope, s_pdf), out ServerMessage message));
        OcrBatchResult batch = Assert.IsType<OcrCompleted>(message.Event).Batch!;
        Assert.Equal(s_pdf, batch.SearchablePdf);
        Assert.Equal((180, "x"), (batch.Results[0].Rotation, Assert.Single(batch.Results[0].Blocks).Text));
        Assert.Equal([new OcrPoint(10, 20), new OcrPoint(110, 20), new OcrPoint(110, 40), new OcrPoint(10, 40)], batch.Results[0].Blocks[0].Box);
        OcrPage page = Assert.Single(batch.Results[1].Pages);
        Assert.Equal((1, OcrPageSource.TextLayer, "y"), (batch.Results[1].PageCount, page.Source, Assert.Single(page.Blocks).Text));
        Assert.All(batch.Results, r => Assert.Equal(("r9", (byte[]?)null), (r.RequestId, r.SearchablePdf)));
    }

    [Fact]
    public void The_pdf_is_copied_out_of_the_receive_buffer()
    {
        byte[] message = GoldenMessages.Read("server/ocr_complete.pdf.hex");
        Assert.True(ServerMessageReader.TryReadBinary(message, out ServerMessage parsed));
        // The receive loop reuses its buffer for the next message.
        Array.Clear(message);
        Assert.Equal(s_pdf, ((OcrCompleted)parsed.Event!).Result!.SearchablePdf);
    }

    public static TheoryData<string, byte[]> Unreadable => new()
    {
        { "empty", [] },
        { "shorter than the length prefix", [0, 0, 1] },
        { "a length past the end by one", Relength(GoldenMessages.Read("server/ocr_complete.pdf.hex"), GoldenMessages.Read("server/ocr_complete.pdf.hex").Length - 3) },
        { "a length of 4 GiB - 1", Relength(GoldenMessages.Read("server/ocr_complete.pdf.hex"), uint.MaxValue) },
        { "a length with the top bit set", Relength(GoldenMessages.Read("server/ocr_complete.pdf.hex"), 0x8000_0010) },
        { "an envelope that is not JSON", Frame("{\"type\":\"ocr_complete\",", s_pdf) },
        { "an envelope that is not UTF-8", [.. Frame("", []).AsSpan(0, 3), 2, 0xC3, 0x28] },
        { "an envelope that is a JSON array", Frame("[1,2]", s_pdf) },
        { "an envelope with no type", Frame("{\"data\":{\"request_id\":\"r1\"}}", s_pdf) },
        { "a binary ocr_progress", Frame("{\"type\":\"ocr_progress\",\"data\":{\"request_id\":\"r1\",\"stage\":\"decode\",\"progress\":5}}", s_pdf) },
        { "a binary pong", Frame("{\"type\":\"pong\",\"id\":\"hb-1\",\"data\":{}}", []) },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public void A_binary_message_that_cannot_be_read_is_refused(string why, byte[] message)
    {
        Assert.False(ServerMessageReader.TryReadBinary(message, out _), why);
    }

    public static TheoryData<string, byte[]> Malformed => new()
    {
        { "a PDF shorter than announced", Frame(Complete(pdfBytes: s_pdf.Length + 1), s_pdf) },
        { "a PDF longer than announced", Frame(Complete(pdfBytes: s_pdf.Length - 1), s_pdf) },
        { "no pdf_bytes", Frame(Complete(pdfBytes: null), s_pdf) },
        { "pdf_bytes far past any message", Frame(Complete(pdfBytes: 1L << 40), s_pdf) },
        { "bytes after an envelope that announces none", Frame("""{"type":"ocr_complete","data":{"request_id":"r1","text":"a"}}""", s_pdf) },
        { "an output this SDK does not know", Frame("""{"type":"ocr_complete","data":{"request_id":"r1","output":"docx","pdf_bytes":308,"text":"a"}}""", s_pdf) },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_final_answer_whose_payload_does_not_match_its_envelope_fails_its_request(string why, byte[] message)
    {
        Assert.True(ServerMessageReader.TryReadBinary(message, out ServerMessage parsed), why);
        OcrFailed failed = Assert.IsType<OcrFailed>(parsed.Event);
        Assert.Equal("r1", failed.RequestId);
        Assert.Contains("malformed", failed.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_answer_that_announces_a_pdf_fails_its_request()
    {
        Assert.True(ServerMessageReader.TryRead(Encoding.UTF8.GetBytes(Complete(pdfBytes: 308)), out ServerMessage parsed));
        Assert.Contains("a text message", Assert.IsType<OcrFailed>(parsed.Event).Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_golden_binary_answer_cut_anywhere_is_never_read_as_an_answer()
    {
        byte[] whole = GoldenMessages.Read("server/ocr_complete.pdf.hex");
        for (int length = 0; length < whole.Length; length++)
        {
            // Cut inside the prefix or the envelope: unreadable. Cut inside the PDF: the envelope is whole, so its
            // request learns that its answer came broken.
            if (ServerMessageReader.TryReadBinary(whole.AsMemory(0, length), out ServerMessage parsed))
            {
                Assert.IsType<OcrFailed>(parsed.Event);
            }
        }
    }

    private static OcrResult Result(string data)
    {
        Assert.True(ServerMessageReader.TryRead(Encoding.UTF8.GetBytes($$$"""{"type":"ocr_complete","id":"s-1","data":{{{data}}}}"""), out ServerMessage message));
        return Assert.IsType<OcrCompleted>(message.Event).Result!;
    }

    private static string Complete(long? pdfBytes) =>
        $$$"""{"type":"ocr_complete","id":"s-9","data":{"request_id":"r1","cached":false,"output":"pdf"{{{(pdfBytes is long n ? $",\"pdf_bytes\":{n}" : "")}}},"text":"a","width":1,"height":1,"lines":[]}}""";

    private static byte[] Frame(string envelope, byte[] payload)
    {
        byte[] json = Encoding.UTF8.GetBytes(envelope);
        byte[] message = new byte[4 + json.Length + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(message, (uint)json.Length);
        json.CopyTo(message, 4);
        payload.CopyTo(message, 4 + json.Length);
        return message;
    }

    private static byte[] Relength(byte[] message, long length)
    {
        byte[] copy = [.. message];
        BinaryPrimitives.WriteUInt32BigEndian(copy, (uint)length);
        return copy;
    }
}
