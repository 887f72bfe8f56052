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
    }

    private static OcrCompleted Completed(string file) => Assert.IsType<OcrCompleted>(Read(file).Event);

    private static ServerMessage Read(string file)
    {
        Assert.True(ServerMessageReader.TryRead(GoldenMessages.Read(file), out ServerMessage message), $"The SDK could not read {file}.");
        return message;
    }
}
