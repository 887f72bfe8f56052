using System.Buffers.Binary;
using System.Text.Json;

namespace MaoOcr.Client.Protocol;

/// <summary>Reads the appliance's messages. Fields may come in any order and unknown ones are ignored (docs/protocol.md).</summary>
internal static class ServerMessageReader
{
    /// <summary>The value of <c>data.output</c> that announces a searchable PDF after the envelope.</summary>
    private const string PdfOutput = "pdf";

    /// <summary>Parses one text message; false when it is not a protocol message this SDK can use.</summary>
    public static bool TryRead(ReadOnlyMemory<byte> utf8, out ServerMessage message) => TryRead(utf8, payload: null, out message);

    /// <summary>
    /// Parses one binary message: the final answer of a request that asked for a searchable PDF, in the same form as a
    /// binary request (docs/protocol.md).
    /// <code>
    /// +----------------------+------------------------------+--------------------------+
    /// | envelope length (4)  | JSON envelope (UTF-8)        | PDF bytes                |
    /// | unsigned, big-endian | ocr_complete, data.output =  | exactly data.pdf_bytes   |
    /// |                      | "pdf", data.pdf_bytes = N    | of them                  |
    /// +----------------------+------------------------------+--------------------------+
    /// </code>
    /// </summary>
    /// <returns>
    /// False when the message cannot be read: shorter than the length prefix, a length past its end, an envelope that is
    /// not a protocol message, or one that is not <c>ocr_complete</c>. An <c>ocr_complete</c> whose PDF is not the size it
    /// announces is read as an <see cref="OcrFailed"/> for its request, so the caller is not left waiting.
    /// </returns>
    public static bool TryReadBinary(ReadOnlyMemory<byte> binary, out ServerMessage message)
    {
        message = default;
        if (binary.Length < BinaryFraming.LengthPrefixBytes)
        {
            return false;
        }
        uint envelopeLength = BinaryPrimitives.ReadUInt32BigEndian(binary.Span);
        if (envelopeLength > (uint)(binary.Length - BinaryFraming.LengthPrefixBytes))
        {
            return false;
        }
        int payloadStart = BinaryFraming.LengthPrefixBytes + (int)envelopeLength;
        ReadOnlyMemory<byte> envelope = binary[BinaryFraming.LengthPrefixBytes..payloadStart];
        return TryRead(envelope, binary[payloadStart..], out message) && message.Type == WireNames.OcrComplete;
    }

    /// <param name="payload">The bytes after a binary message's envelope; null for a text message.</param>
    private static bool TryRead(ReadOnlyMemory<byte> utf8, ReadOnlyMemory<byte>? payload, out ServerMessage message)
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
            bool resend = false;
            if (root.TryGetProperty("data", out JsonElement data) && data.ValueKind == JsonValueKind.Object)
            {
                resend = type == WireNames.OcrError && data.TryGetProperty("resend", out JsonElement r) && r.ValueKind == JsonValueKind.True;
                ocrEvent = type switch
                {
                    WireNames.OcrStart => Start(data),
                    WireNames.OcrProgress => Progress(data),
                    WireNames.OcrComplete => Complete(data, payload),
                    WireNames.OcrError => Error(data),
                    _ => null,
                };
            }
            message = new ServerMessage(type, id, ocrEvent, resend);
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
        data.Deserialize(ProtocolJsonContext.Default.WireProgress) is { RequestId: string id } p
            ? new OcrProgress(id, WireNames.Stage(p.Stage), p.Progress) { Page = p.Page, Pages = p.Pages }
            : null;

    private static OcrEvent? Complete(JsonElement data, ReadOnlyMemory<byte>? payload)
    {
        if (data.Deserialize(ProtocolJsonContext.Default.WireComplete) is not { RequestId: string id } c)
        {
            return null;
        }
        // The PDF the envelope announces must be exactly the bytes after it: anything else is a broken answer, reported
        // to its request rather than dropped, so the caller is not left waiting for an answer that has come.
        long? announced = c.Output == PdfOutput ? c.PdfBytes ?? -1 : null;
        if (announced != payload?.Length)
        {
            string got = payload is { } bytes ? $"{bytes.Length} bytes after the envelope" : "a text message";
            string expected = announced is long size ? $"a searchable PDF of {size} bytes" : "no payload";
            return new OcrFailed(id, new MaoOcrException($"The appliance's answer to request {id} is malformed: it announces {expected} but came as {got}."));
        }
        byte[]? pdf = payload?.ToArray();
        if (c.Results is { } results)
        {
            // Each entry of a batch carries only its own fields; the request's id and cache flag are the batch's.
            OcrResult[] each = [.. results.Select(r => r.ToResult(id, c.Cached, searchablePdf: null))];
            return new OcrCompleted(id, null, new OcrBatchResult { RequestId = id, Cached = c.Cached, Text = c.Text, Results = each, SearchablePdf = pdf });
        }
        return new OcrCompleted(id, c.ToResult(id, c.Cached, pdf), null);
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
