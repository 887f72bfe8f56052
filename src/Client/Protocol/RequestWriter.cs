using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;

namespace MaoOcr.Client.Protocol;

/// <summary>Writes the client's messages with <see cref="Utf8JsonWriter"/>: no reflection, no intermediate strings.</summary>
internal static class RequestWriter
{
    /// <summary>
    /// The head of a binary <c>ocr_request</c>: the 4-byte big-endian envelope length and the envelope. The image bytes
    /// follow it in the same WebSocket message and are not copied here.
    /// </summary>
    /// <param name="imageSizes">For a batch, each image's size (sent as <c>data.image_sizes</c>); null for one image.</param>
    public static byte[] BinaryHead(string id, OcrRequestOptions options, IReadOnlyList<int>? imageSizes, DateTimeOffset now)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Advance(BinaryFraming.LengthPrefixBytes);
        using (var json = new Utf8JsonWriter(buffer))
        {
            Begin(json, WireNames.OcrRequest, id, now);
            json.WriteStartObject("data");
            json.WriteStartObject("requirements");
            json.WriteString("language", WireNames.Language(options.Language));
            json.WriteString("accuracy_requirement", WireNames.Accuracy(options.Accuracy));
            if (options.DocumentType is not null)
            {
                json.WriteString("document_type", options.DocumentType);
            }
            // Written only when asked for, so a request that asks for nothing new is byte for byte what it always was.
            if (options.ForceOcr)
            {
                json.WriteBoolean("force_ocr", true);
            }
            json.WriteEndObject();
            if (options.SearchablePdf)
            {
                json.WriteString("output", "pdf");
            }
            if (imageSizes is not null)
            {
                json.WriteStartArray("image_sizes");
                foreach (int size in imageSizes)
                {
                    json.WriteNumberValue(size);
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        byte[] head = buffer.WrittenSpan.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(head, (uint)(head.Length - BinaryFraming.LengthPrefixBytes));
        return head;
    }

    /// <summary>A heartbeat <c>ping</c>; the appliance answers with a <c>pong</c> carrying the same id.</summary>
    public static byte[] Ping(string id, DateTimeOffset now)
    {
        var buffer = new ArrayBufferWriter<byte>(96);
        using (var json = new Utf8JsonWriter(buffer))
        {
            Begin(json, WireNames.Ping, id, now);
            json.WriteStartObject("data");
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void Begin(Utf8JsonWriter json, string type, string id, DateTimeOffset now)
    {
        json.WriteStartObject();
        json.WriteString("type", type);
        json.WriteString("id", id);
        // Unix seconds, with milliseconds as the fraction.
        json.WriteNumber("timestamp", now.ToUnixTimeMilliseconds() / 1000.0);
    }
}
