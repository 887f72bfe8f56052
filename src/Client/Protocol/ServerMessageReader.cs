using System.Text.Json;

namespace MaoOcr.Client.Protocol;

/// <summary>Reads the appliance's messages. Fields may come in any order and unknown ones are ignored (docs/protocol.md).</summary>
internal static class ServerMessageReader
{
    /// <summary>Parses one text message; false when it is not a protocol message this SDK can use.</summary>
    public static bool TryRead(ReadOnlyMemory<byte> utf8, out ServerMessage message)
    {
        message = default;
        try
        {
            using JsonDocument document = JsonDocument.Parse(utf8);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out JsonElement typeElement) || typeElement.ValueKind != JsonValueKind.String)
            {
                return false;
            }
            string type = typeElement.GetString()!;
            string? id = root.TryGetProperty("id", out JsonElement idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
            OcrEvent? ocrEvent = null;
            if (root.TryGetProperty("data", out JsonElement data) && data.ValueKind == JsonValueKind.Object)
            {
                ocrEvent = type switch
                {
                    WireNames.OcrStart => Start(data),
                    WireNames.OcrProgress => Progress(data),
                    WireNames.OcrComplete => Complete(data),
                    WireNames.OcrError => Error(data),
                    _ => null,
                };
            }
            message = new ServerMessage(type, id, ocrEvent);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static OcrStarted? Start(JsonElement data) =>
        data.Deserialize(ProtocolJsonContext.Default.WireStart) is { RequestId: string id } start ? new OcrStarted(id, start.QueuePosition) : null;

    private static OcrProgress? Progress(JsonElement data) =>
        data.Deserialize(ProtocolJsonContext.Default.WireProgress) is { RequestId: string id } p ? new OcrProgress(id, WireNames.Stage(p.Stage), p.Progress) : null;

    private static OcrCompleted? Complete(JsonElement data)
    {
        if (data.Deserialize(ProtocolJsonContext.Default.WireComplete) is not { RequestId: string id } c)
        {
            return null;
        }
        if (c.Results is { } results)
        {
            // Each entry of a batch carries only its own fields; the request's id and cache flag are the batch's.
            OcrResult[] each = [.. results.Select(r => r with { RequestId = id, Cached = c.Cached })];
            return new OcrCompleted(id, null, new OcrBatchResult { RequestId = id, Cached = c.Cached, Text = c.Text, Results = each });
        }
        var result = new OcrResult
        {
            RequestId = id,
            Cached = c.Cached,
            Text = c.Text,
            Width = c.Width,
            Height = c.Height,
            Lines = c.Lines ?? [],
            Timings = c.Timings ?? new OcrTimings(),
        };
        return new OcrCompleted(id, result, null);
    }

    /// <summary>An error without a request id (the appliance could not read it) cannot be matched to a request; it is dropped.</summary>
    private static OcrFailed? Error(JsonElement data)
    {
        if (data.Deserialize(ProtocolJsonContext.Default.WireError) is not { RequestId: string id } e)
        {
            return null;
        }
        TimeSpan? retryAfter = e.RetryAfterMs is int ms ? TimeSpan.FromMilliseconds(ms) : null;
        return new OcrFailed(id, new OcrServerException(id, e.Code, e.Message, e.Retryable, retryAfter));
    }
}
