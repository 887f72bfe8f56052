using System.Buffers;
using System.Text.Json;

namespace MaoOcr.Appliance.Tests.Protocol;

public sealed class ServerMessageWriterTests
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_250);

    private static readonly RecognizedPage s_result = new(
        [new RecognizedLine("Hello", 0.987654f, [new ImagePoint(1, 2), new ImagePoint(30, 2), new ImagePoint(30, 12), new ImagePoint(1, 12)])],
        "Hello", 640, 480, new StageTimings(1, 2, 0, 3, 6.5, 4));

    [Fact]
    public void Every_message_has_the_envelope_fields()
    {
        JsonElement start = Write(w => ServerMessageWriter.WriteStart(w, "s1", "r1", 3, s_now));
        Assert.Equal("ocr_start", start.GetProperty("type").GetString());
        Assert.Equal("s1", start.GetProperty("id").GetString());
        Assert.Equal(1_764_000_000.25, start.GetProperty("timestamp").GetDouble());
        Assert.Equal("r1", start.GetProperty("data").GetProperty("request_id").GetString());
        Assert.Equal(3, start.GetProperty("data").GetProperty("queue_position").GetInt32());
    }

    [Fact]
    public void Pong_carries_the_ping_id()
    {
        JsonElement pong = Write(w => ServerMessageWriter.WritePong(w, "ping-42", s_now));
        Assert.Equal("pong", pong.GetProperty("type").GetString());
        Assert.Equal("ping-42", pong.GetProperty("id").GetString());
    }

    [Fact]
    public void Progress_names_the_stage_and_clamps_the_percentage()
    {
        JsonElement data = Write(w => ServerMessageWriter.WriteProgress(w, "s2", "r1", PipelineStage.Recognition, 140, s_now)).GetProperty("data");
        Assert.Equal("recognition", data.GetProperty("stage").GetString());
        Assert.Equal(100, data.GetProperty("progress").GetInt32());
    }

    [Fact]
    public void Complete_carries_text_lines_boxes_timings_and_cached()
    {
        JsonElement data = Write(w => ServerMessageWriter.WriteComplete(w, "s3", "r1", [OcrItemResult.FromImage(s_result)], batch: false, cached: true, s_now)).GetProperty("data");
        Assert.Equal("r1", data.GetProperty("request_id").GetString());
        Assert.True(data.GetProperty("cached").GetBoolean());
        Assert.Equal("Hello", data.GetProperty("text").GetString());
        JsonElement line = data.GetProperty("lines")[0];
        Assert.Equal(0.9877, line.GetProperty("confidence").GetDouble(), 4);
        Assert.Equal([30f, 12f], line.GetProperty("box")[2].EnumerateArray().Select(v => v.GetSingle()));
        Assert.Equal(6.5, data.GetProperty("timings").GetProperty("total_ms").GetDouble());
        Assert.Equal(640, data.GetProperty("width").GetInt32());
    }

    [Fact]
    public void Batch_complete_has_one_result_per_image()
    {
        JsonElement data = Write(w => ServerMessageWriter.WriteComplete(w, "s4", "r2", [OcrItemResult.FromImage(s_result), OcrItemResult.FromImage(s_result with { Text = "World" })], batch: true, cached: false, s_now)).GetProperty("data");
        Assert.Equal(2, data.GetProperty("results").GetArrayLength());
        Assert.Equal("World", data.GetProperty("results")[1].GetProperty("text").GetString());
        Assert.Equal("Hello\n\nWorld", data.GetProperty("text").GetString());
    }

    [Theory]
    [InlineData(ErrorCode.Busy, "busy", true)]
    [InlineData(ErrorCode.InvalidImage, "invalid_image", false)]
    [InlineData(ErrorCode.ImageTooLarge, "image_too_large", false)]
    [InlineData(ErrorCode.Unauthorized, "unauthorized", false)]
    [InlineData(ErrorCode.Timeout, "timeout", true)]
    public void Errors_carry_code_message_and_retryable(ErrorCode code, string wire, bool retryable)
    {
        JsonElement data = Write(w => ServerMessageWriter.WriteError(w, "s5", "r9", code, "why", code == ErrorCode.Busy ? 250 : null, s_now)).GetProperty("data");
        Assert.Equal(wire, data.GetProperty("code").GetString());
        Assert.Equal("why", data.GetProperty("message").GetString());
        Assert.Equal(retryable, data.GetProperty("retryable").GetBoolean());
        Assert.Equal(code == ErrorCode.Busy, data.TryGetProperty("retry_after_ms", out _));
    }

    [Fact]
    public void Error_without_a_readable_request_id_says_null()
    {
        JsonElement data = Write(w => ServerMessageWriter.WriteError(w, "s6", null, ErrorCode.InvalidMessage, "bad", null, s_now)).GetProperty("data");
        Assert.Equal(JsonValueKind.Null, data.GetProperty("request_id").ValueKind);
    }

    private static JsonElement Write(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        return JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone();
    }
}
