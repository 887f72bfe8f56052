using MaoOcr.Appliance.Core;
using MaoOcr.Appliance.Documents;
using MaoOcr.Inference.Layout;
using System.Buffers;
using System.Text.Json;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Appliance.Protocol;

/// <summary>
/// Writes server messages as UTF-8 JSON straight into the connection's buffer writer, with no reflection
/// and no intermediate strings. Every message is <c>{"type","data","timestamp","id"}</c>; the data of an
/// answer carries <c>request_id</c>, the id of the ocr_request it answers.
/// </summary>
public static class ServerMessageWriter
{
    private static readonly JsonWriterOptions s_options = new() { Indented = false, SkipValidation = false };

    /// <summary>A pong carries the ping's own id, so the client can match them.</summary>
    public static void WritePong(IBufferWriter<byte> output, string pingId, DateTimeOffset now)
    {
        using var json = new Utf8JsonWriter(output, s_options);
        Begin(json, MessageTypes.Pong, pingId, now);
        json.WriteStartObject("data");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static void WriteStart(IBufferWriter<byte> output, string messageId, string requestId, int queuePosition, DateTimeOffset now)
    {
        using var json = new Utf8JsonWriter(output, s_options);
        Begin(json, MessageTypes.OcrStart, messageId, now);
        json.WriteStartObject("data");
        json.WriteString("request_id", requestId);
        json.WriteNumber("queue_position", queuePosition);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <param name="stage">decode, detection, classification or recognition.</param>
    /// <param name="progress">0–100.</param>
    /// <param name="page">For a document: the page being read, 1-based; 0 for an image (the field is left out).</param>
    /// <param name="pages">For a document: its page count.</param>
    public static void WriteProgress(IBufferWriter<byte> output, string messageId, string requestId, PipelineStage stage, int progress, DateTimeOffset now, int page = 0, int pages = 0)
    {
        using var json = new Utf8JsonWriter(output, s_options);
        Begin(json, MessageTypes.OcrProgress, messageId, now);
        json.WriteStartObject("data");
        json.WriteString("request_id", requestId);
        json.WriteString("stage", StageName(stage));
        json.WriteNumber("progress", Math.Clamp(progress, 0, 100));
        if (page > 0)
        {
            json.WriteNumber("page", page);
            json.WriteNumber("pages", pages);
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// The final answer. One image: its result's fields directly in data. A batch: <c>results</c> holds one
    /// result per image in request order, and <c>text</c> joins them with blank lines.
    /// </summary>
    /// <param name="pdfBytes">The size of the searchable PDF that follows this envelope in a binary message; null when none was asked for.</param>
    public static void WriteComplete(IBufferWriter<byte> output, string messageId, string requestId, IReadOnlyList<OcrItemResult> results, bool batch, bool cached, DateTimeOffset now, int? pdfBytes = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(results.Count);
        using var json = new Utf8JsonWriter(output, s_options);
        Begin(json, MessageTypes.OcrComplete, messageId, now);
        json.WriteStartObject("data");
        json.WriteString("request_id", requestId);
        json.WriteBoolean("cached", cached);
        if (pdfBytes is int size)
        {
            json.WriteString("output", "pdf");
            json.WriteNumber("pdf_bytes", size);
        }
        if (batch)
        {
            json.WriteString("text", string.Join("\n\n", results.Select(r => r.Text)));
            json.WriteStartArray("results");
            foreach (OcrItemResult result in results)
            {
                json.WriteStartObject();
                WriteItemFields(json, result);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        else
        {
            WriteItemFields(json, results[0]);
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <param name="resend">
    /// True when the request was refused because this appliance is going away: <c>data.resend</c> tells the client to
    /// send it again on its next connection (which a balancer takes to another appliance) instead of reporting the
    /// error; the connection closes with 1001 next. Only the WebSocket transport sends it: REST's 503 with Retry-After
    /// already reaches the balancer. Left out when false, so the error reads as before to older clients.
    /// </param>
    public static void WriteError(IBufferWriter<byte> output, string messageId, string? requestId, ErrorCode code, string message, int? retryAfterMs, DateTimeOffset now, bool resend = false)
    {
        using var json = new Utf8JsonWriter(output, s_options);
        Begin(json, MessageTypes.OcrError, messageId, now);
        json.WriteStartObject("data");
        WriteErrorFields(json, requestId, code, message, retryAfterMs);
        if (resend)
        {
            json.WriteBoolean("resend", true);
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The fields of an error, shared by ocr_error's data and the REST error object.</summary>
    public static void WriteErrorFields(Utf8JsonWriter json, string? requestId, ErrorCode code, string message, int? retryAfterMs)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (requestId is null)
        {
            json.WriteNull("request_id");
        }
        else
        {
            json.WriteString("request_id", requestId);
        }
        json.WriteString("code", ErrorCodes.WireName(code));
        json.WriteString("message", message);
        json.WriteBoolean("retryable", ErrorCodes.IsRetryable(code));
        if (retryAfterMs is int retry)
        {
            json.WriteNumber("retry_after_ms", retry);
        }
    }

    /// <summary>The fields of one input's result: an image's (<see cref="WriteResultFields"/>), or a document's
    /// <c>text</c>, <c>page_count</c> and <c>pages</c>, each page an image result plus <c>page</c>, <c>source</c>,
    /// <c>dpi</c>, <c>width_pt</c> and <c>height_pt</c>.</summary>
    public static void WriteItemFields(Utf8JsonWriter json, OcrItemResult result)
    {
        if (result.Document is not { } document)
        {
            WriteResultFields(json, result.Image!);
            return;
        }
        json.WriteString("text", document.Text);
        json.WriteNumber("page_count", document.Pages.Count);
        json.WriteStartArray("pages");
        foreach (DocumentPage page in document.Pages)
        {
            json.WriteStartObject();
            json.WriteNumber("page", page.Number);
            json.WriteString("source", page.Source == PageTextSource.TextLayer ? "text_layer" : "ocr");
            json.WriteNumber("dpi", Math.Round(page.Dpi, 3));
            json.WriteNumber("width_pt", Math.Round(page.WidthPoints, 2));
            json.WriteNumber("height_pt", Math.Round(page.HeightPoints, 2));
            WriteResultFields(json, page.Page);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>The fields of one image's result, shared by ocr_complete and the REST answer.</summary>
    public static void WriteResultFields(Utf8JsonWriter json, RecognizedPage result)
    {
        json.WriteString("text", result.Text);
        json.WriteNumber("width", result.Width);
        json.WriteNumber("height", result.Height);
        json.WriteStartArray("lines");
        foreach (RecognizedLine line in result.Lines)
        {
            json.WriteStartObject();
            json.WriteString("text", line.Text);
            json.WriteNumber("confidence", Math.Round(line.Confidence, 4));
            WriteBox(json, line.Box);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (result.Blocks.Count > 0 || result.Rotation != 0)
        {
            // Read as a document: how far the page was turned to read it upright (0 too), and its blocks.
            json.WriteNumber("rotation", result.Rotation);
        }
        if (result.Blocks.Count > 0)
        {
            json.WriteStartArray("blocks");
            foreach (TextBlock block in result.Blocks)
            {
                json.WriteStartObject();
                json.WriteString("text", block.Text);
                json.WriteStartArray("lines");
                foreach (int index in block.Lines)
                {
                    json.WriteNumberValue(index);
                }
                json.WriteEndArray();
                WriteBox(json, block.Box);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        StageTimings t = result.Timings;
        json.WriteStartObject("timings");
        json.WriteNumber("decode_ms", Math.Round(t.DecodeMs, 2));
        json.WriteNumber("detection_ms", Math.Round(t.DetectionMs, 2));
        json.WriteNumber("classification_ms", Math.Round(t.ClassificationMs, 2));
        json.WriteNumber("recognition_ms", Math.Round(t.RecognitionMs, 2));
        json.WriteNumber("inference_ms", Math.Round(t.InferenceMs, 2));
        json.WriteNumber("total_ms", Math.Round(t.TotalMs, 2));
        json.WriteEndObject();
    }

    private static void WriteBox(Utf8JsonWriter json, IReadOnlyList<ImagePoint> box)
    {
        json.WriteStartArray("box");
        foreach (ImagePoint p in box)
        {
            json.WriteStartArray();
            json.WriteNumberValue(p.X);
            json.WriteNumberValue(p.Y);
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }

    public static string StageName(PipelineStage stage) => stage switch
    {
        PipelineStage.Decode => "decode",
        PipelineStage.Detection => "detection",
        PipelineStage.Classification => "classification",
        _ => "recognition",
    };

    private static void Begin(Utf8JsonWriter json, string type, string id, DateTimeOffset now)
    {
        json.WriteStartObject();
        json.WriteString("type", type);
        // Unix seconds, with milliseconds as the fraction.
        json.WriteNumber("timestamp", now.ToUnixTimeMilliseconds() / 1000.0);
        json.WriteString("id", id);
    }
}
