using System.Text.Json;
using MaoOcr.Client.Protocol;

namespace MaoOcr.Client.Tests.Protocol;

/// <summary>The SDK's reader against the golden server messages (docs/protocol/golden/server): what the appliance sends.</summary>
public sealed class ServerMessageReaderGoldenTests
{
    public static TheoryData<string> ServerFiles => new(GoldenMessages.Files(GoldenMessages.Server));

    [Theory]
    [MemberData(nameof(ServerFiles))]
    public void Every_golden_server_message_is_read_with_its_type_id_and_request(string file)
    {
        ServerMessage message = Read(file);
        JsonElement golden = GoldenMessages.ReadEnvelope(file);
        Assert.Equal(GoldenMessages.TypeOf(file), message.Type);
        Assert.Equal(golden.GetProperty("id").GetString(), message.Id);
        // An answer the SDK can match becomes an event for its request; a pong, or an error without a request id, does not.
        string? requestId = golden.GetProperty("data").TryGetProperty("request_id", out JsonElement id) ? id.GetString() : null;
        Assert.Equal(requestId, message.Event?.RequestId);
    }

    [Fact]
    public void Pong_carries_the_ping_id()
    {
        ServerMessage pong = Read("server/pong.json");
        Assert.Equal(WireNames.Pong, pong.Type);
        Assert.Equal("hb-3", pong.Id);
        Assert.Null(pong.Event);
    }

    [Fact]
    public void Start_carries_the_queue_position()
    {
        Assert.Equal(new OcrStarted("c-17", 2), Read("server/ocr_start.json").Event);
    }

    [Theory]
    [InlineData("decode", OcrStage.Decode, 0)]
    [InlineData("detection", OcrStage.Detection, 10)]
    [InlineData("classification", OcrStage.Classification, 40)]
    [InlineData("recognition", OcrStage.Recognition, 60)]
    public void Progress_names_each_stage_and_its_percent(string stage, OcrStage expected, int percent)
    {
        Assert.Equal(new OcrProgress("c-17", expected, percent), Read($"server/ocr_progress.{stage}.json").Event);
    }

    [Fact]
    public void Progress_on_a_document_names_the_page_and_the_page_count()
    {
        Assert.Equal(new OcrProgress("c-24", OcrStage.Recognition, 55) { Page = 2, Pages = 2 }, Read("server/ocr_progress.page.json").Event);
    }

    [Fact]
    public void Progress_on_an_image_has_no_page()
    {
        var progress = (OcrProgress)Read("server/ocr_progress.detection.json").Event!;
        Assert.Equal((0, 0), (progress.Page, progress.Pages));
    }

    [Fact]
    public void Complete_carries_text_size_lines_boxes_confidences_and_timings()
    {
        OcrResult result = Completed("server/ocr_complete.json").Result!;
        AssertInvoice(result, "c-17", cached: false);
    }

    [Fact]
    public void Cached_complete_says_so()
    {
        OcrResult result = Completed("server/ocr_complete.cached.json").Result!;
        AssertInvoice(result, "c-17", cached: true);
    }

    [Fact]
    public void Batch_complete_has_one_result_per_image_in_order()
    {
        OcrCompleted completed = Completed("server/ocr_complete.batch.json");
        Assert.Null(completed.Result);
        OcrBatchResult batch = completed.Batch!;
        Assert.Equal("c-20", batch.RequestId);
        Assert.False(batch.Cached);
        Assert.Equal("Invoice INV-2026-0153\nTotal: $1,284.50\n\n合计 ¥1,284.50", batch.Text);
        Assert.Equal(2, batch.Results.Count);
        AssertInvoice(batch.Results[0], "c-20", cached: false);
        OcrResult receipt = batch.Results[1];
        Assert.Equal("c-20", receipt.RequestId);
        Assert.Equal("合计 ¥1,284.50", receipt.Text);
        Assert.Equal((800, 600), (receipt.Width, receipt.Height));
        OcrLine line = Assert.Single(receipt.Lines);
        Assert.Equal("合计 ¥1,284.50", line.Text);
        Assert.Equal(0.9534, line.Confidence);
        Assert.Equal([new OcrPoint(40, 30.5f), new OcrPoint(260, 30.5f), new OcrPoint(260, 62), new OcrPoint(40, 62)], line.Box);
        Assert.Equal(new OcrTimings { DecodeMs = 3.21, DetectionMs = 120.46, ClassificationMs = 8.5, RecognitionMs = 60, InferenceMs = 170.04, TotalMs = 195.2 }, receipt.Timings);
    }

    [Fact]
    public void Complete_with_blocks_has_them_in_reading_order_with_their_lines_and_boxes()
    {
        OcrResult result = Completed("server/ocr_complete.blocks.json").Result!;
        Assert.Equal("c-26", result.RequestId);
        Assert.Equal("Quarterly report\n\nSales rose 12% in the north and 9% in the south.\n\nPage 1", result.Text);
        Assert.Equal((1240, 1754), (result.Width, result.Height));
        Assert.Equal(4, result.Lines.Count);
        Assert.Equal(3, result.Blocks.Count);
        AssertBlock(result.Blocks[0], "Quarterly report", [0], Box(100, 80, 520, 130));
        AssertBlock(result.Blocks[1], "Sales rose 12% in the north and 9% in the south.", [1, 2], Box(100, 200, 610, 280));
        AssertBlock(result.Blocks[2], "Page 1", [3], Box(580, 1660, 660, 1690));
        Assert.Equal(["Sales rose 12% in the north", "and 9% in the south."], result.Blocks[1].Lines.Select(i => result.Lines[i].Text));
        Assert.Equal(0, result.Rotation);
        Assert.Equal(0, result.PageCount);
        Assert.Empty(result.Pages);
        Assert.Null(result.SearchablePdf);
    }

    [Fact]
    public void Complete_for_a_pdf_has_its_pages_each_with_source_size_lines_blocks_and_timings()
    {
        OcrResult result = Completed("server/ocr_complete.document.json").Result!;
        Assert.Equal("c-24", result.RequestId);
        Assert.Equal("Scanned page one of the contract.\n\nSigned in Shanghai\n\nPage 2 of 2", result.Text);
        Assert.Equal(2, result.PageCount);
        // A document's sizes and lines are per page; the result's own are those of no image.
        Assert.Equal((0, 0), (result.Width, result.Height));
        Assert.Empty(result.Lines);
        Assert.Empty(result.Blocks);
        Assert.Null(result.SearchablePdf);

        OcrPage scanned = result.Pages[0];
        Assert.Equal((1, OcrPageSource.Ocr, 200.0), (scanned.Page, scanned.Source, scanned.Dpi));
        Assert.Equal((612.0, 792.0, 1700, 2200), (scanned.WidthPoints, scanned.HeightPoints, scanned.Width, scanned.Height));
        Assert.Equal("Scanned page one of the contract.", scanned.Text);
        Assert.Equal(["Scanned page one", "of the contract."], scanned.Lines.Select(l => l.Text));
        Assert.Equal([0.9882, 0.974], scanned.Lines.Select(l => l.Confidence));
        Assert.Equal(Box(200, 260, 700, 320), scanned.Lines[1].Box);
        OcrBlock paragraph = Assert.Single(scanned.Blocks);
        AssertBlock(paragraph, "Scanned page one of the contract.", [0, 1], Box(200, 180, 820, 320));
        Assert.Equal(new OcrTimings { DecodeMs = 41.5, DetectionMs = 310.25, ClassificationMs = 0, RecognitionMs = 402.8, InferenceMs = 690.1, TotalMs = 760.4 }, scanned.Timings);
        Assert.Equal(0, scanned.Rotation);

        OcrPage typed = result.Pages[1];
        Assert.Equal((2, OcrPageSource.TextLayer, 200.0), (typed.Page, typed.Source, typed.Dpi));
        Assert.Equal((595.44, 842.04, 1654, 2339), (typed.WidthPoints, typed.HeightPoints, typed.Width, typed.Height));
        Assert.Equal("Signed in Shanghai\n\nPage 2 of 2", typed.Text);
        Assert.Equal([1.0, 1.0], typed.Lines.Select(l => l.Confidence));
        Assert.Equal(["Signed in Shanghai", "Page 2 of 2"], typed.Blocks.Select(b => b.Text));
        Assert.Equal([0, 1], typed.Blocks.SelectMany(b => b.Lines));
        Assert.Equal(new OcrTimings { DecodeMs = 12.75, TotalMs = 13.1 }, typed.Timings);
    }

    [Fact]
    public void Binary_complete_carries_the_result_and_the_searchable_pdf()
    {
        OcrResult result = Completed("server/ocr_complete.pdf.hex").Result!;
        Assert.Equal("c-23", result.RequestId);
        Assert.Equal("", result.Text);
        Assert.Equal((1, 1), (result.Width, result.Height));
        Assert.Empty(result.Lines);
        Assert.Equal(GoldenMessages.TinyPdf.ToArray(), result.SearchablePdf);
        Assert.Equal(new OcrTimings { DecodeMs = 0.12, DetectionMs = 4.5, InferenceMs = 3.9, TotalMs = 5.02 }, result.Timings);
    }

    [Theory]
    [InlineData("invalid_message", OcrErrorCode.InvalidMessage, false)]
    [InlineData("invalid_image", OcrErrorCode.InvalidImage, false)]
    [InlineData("unsupported_format", OcrErrorCode.UnsupportedFormat, false)]
    [InlineData("image_too_large", OcrErrorCode.ImageTooLarge, false)]
    [InlineData("busy", OcrErrorCode.Busy, true)]
    [InlineData("timeout", OcrErrorCode.Timeout, true)]
    [InlineData("unauthorized", OcrErrorCode.Unauthorized, false)]
    [InlineData("internal", OcrErrorCode.Internal, true)]
    public void Error_carries_its_code_message_and_retry_hint(string wireCode, OcrErrorCode code, bool retryable)
    {
        string file = $"server/ocr_error.{wireCode}.json";
        OcrFailed failed = Assert.IsType<OcrFailed>(Read(file).Event);
        Assert.Equal("c-18", failed.RequestId);
        OcrServerException error = Assert.IsType<OcrServerException>(failed.Error);
        Assert.Equal("c-18", error.RequestId);
        Assert.Equal(code, error.Code);
        Assert.Equal(wireCode, error.WireCode);
        Assert.Equal(GoldenMessages.ReadEnvelope(file).GetProperty("data").GetProperty("message").GetString(), error.ServerMessage);
        Assert.Equal(retryable, error.Retryable);
        // The golden busy says when to retry (retry_after_ms); the others carry no hint.
        Assert.Equal(code == OcrErrorCode.Busy ? TimeSpan.FromSeconds(2) : null, error.RetryAfter);
    }

    [Fact]
    public void Busy_with_resend_is_marked_to_be_sent_again_and_plain_busy_is_not()
    {
        ServerMessage resend = Read("server/ocr_error.busy.resend.json");
        Assert.True(resend.Resend);
        Assert.Equal("c-19", Assert.IsType<OcrFailed>(resend.Event).RequestId);
        Assert.False(Read("server/ocr_error.busy.json").Resend);
    }

    [Fact]
    public void Error_text_with_escaped_characters_is_read_as_sent()
    {
        OcrFailed failed = Assert.IsType<OcrFailed>(Read("server/ocr_error.unauthorized.json").Event);
        Assert.Equal("A valid API token is required (Authorization: Bearer <token>).", ((OcrServerException)failed.Error).ServerMessage);
    }

    [Fact]
    public void Error_without_a_request_id_is_read_but_matches_no_request()
    {
        ServerMessage message = Read("server/ocr_error.invalid_message.no-request-id.json");
        Assert.Equal(WireNames.OcrError, message.Type);
        Assert.Null(message.Event);
    }

    private static void AssertInvoice(OcrResult result, string requestId, bool cached)
    {
        Assert.Equal(requestId, result.RequestId);
        Assert.Equal(cached, result.Cached);
        Assert.Equal("Invoice INV-2026-0153\nTotal: $1,284.50", result.Text);
        Assert.Equal((1240, 1754), (result.Width, result.Height));
        Assert.Equal(["Invoice INV-2026-0153", "Total: $1,284.50"], result.Lines.Select(l => l.Text));
        Assert.Equal([0.9871, 0.9712], result.Lines.Select(l => l.Confidence));
        Assert.Equal([new OcrPoint(102, 88), new OcrPoint(544, 90), new OcrPoint(544, 128), new OcrPoint(102, 126)], result.Lines[0].Box);
        Assert.Equal([new OcrPoint(102, 160), new OcrPoint(390.5f, 160), new OcrPoint(390.5f, 196.25f), new OcrPoint(102, 196.25f)], result.Lines[1].Box);
        Assert.Equal(new OcrTimings { DecodeMs = 12.4, DetectionMs = 402.1, ClassificationMs = 0, RecognitionMs = 498.7, InferenceMs = 861, TotalMs = 915.3 }, result.Timings);
        // An image read line by line, with no PDF asked for: none of the document fields.
        Assert.Empty(result.Blocks);
        Assert.Equal((0, 0), (result.Rotation, result.PageCount));
        Assert.Empty(result.Pages);
        Assert.Null(result.SearchablePdf);
    }

    private static void AssertBlock(OcrBlock block, string text, int[] lines, OcrPoint[] box)
    {
        Assert.Equal(text, block.Text);
        Assert.Equal(lines, block.Lines);
        Assert.Equal(box, block.Box);
    }

    private static OcrPoint[] Box(float left, float top, float right, float bottom) =>
        [new OcrPoint(left, top), new OcrPoint(right, top), new OcrPoint(right, bottom), new OcrPoint(left, bottom)];

    private static OcrCompleted Completed(string file) => Assert.IsType<OcrCompleted>(Read(file).Event);

    private static ServerMessage Read(string file)
    {
        byte[] bytes = GoldenMessages.Read(file);
        bool read = file.EndsWith(".hex", StringComparison.Ordinal)
            ? ServerMessageReader.TryReadBinary(bytes, out ServerMessage message)
            : ServerMessageReader.TryRead(bytes, out message);
        Assert.True(read, $"The SDK could not read {file}.");
        return message;
    }
}
