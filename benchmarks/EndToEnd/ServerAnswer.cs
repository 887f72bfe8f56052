using System.Text.Json;

namespace MaoOcr.Benchmarks.EndToEnd;

/// <summary>
/// What the load tool needs of a server message: its type and envelope id (a pong's), the request it answers, an error's
/// code and message, whether it was cached, and how many results a batch's <c>data.results</c> holds (null: none).
/// </summary>
internal readonly record struct ServerAnswer(string? Type, string? RequestId, string? Code, bool Cached, int? RetryAfterMs)
{
    /// <summary>The envelope's <c>id</c>: a pong carries the ping's id there.</summary>
    public string? Id { get; init; }

    public string? Message { get; init; }

    /// <summary>Entries in <c>data.results</c> (a batch's answer); null when there is no such array.</summary>
    public int? Results { get; init; }

    public bool IsFinal => Type is "ocr_complete" or "ocr_error";

    /// <summary>Reads the envelope's <c>type</c> and <c>data</c>'s fields of interest; fields come in any order (docs/protocol.md).</summary>
    /// <returns>False when the message is not a JSON object.</returns>
    public static bool TryParse(ReadOnlySpan<byte> json, out ServerAnswer answer)
    {
        answer = default;
        string? type = null, id = null, requestId = null, code = null, message = null;
        int? results = null;
        bool cached = false;
        int? retryAfter = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    type = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("data"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        reader.Skip();
                        continue;
                    }
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("request_id"u8))
                        {
                            reader.Read();
                            requestId = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        }
                        else if (reader.ValueTextEquals("code"u8))
                        {
                            reader.Read();
                            code = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        }
                        else if (reader.ValueTextEquals("cached"u8))
                        {
                            reader.Read();
                            cached = reader.TokenType == JsonTokenType.True;
                        }
                        else if (reader.ValueTextEquals("message"u8))
                        {
                            reader.Read();
                            message = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        }
                        else if (reader.ValueTextEquals("results"u8))
                        {
                            reader.Read();
                            results = reader.TokenType == JsonTokenType.StartArray ? CountElements(ref reader) : null;
                            reader.Skip();
                        }
                        else if (reader.ValueTextEquals("retry_after_ms"u8))
                        {
                            reader.Read();
                            retryAfter = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int ms) ? ms : null;
                        }
                        else
                        {
                            // The text, lines and timings of a result: not needed for the figures.
                            reader.Read();
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }
        answer = new ServerAnswer(type, requestId, code, cached, retryAfter) { Id = id, Message = message, Results = results };
        return true;
    }

    /// <summary>Counts an array's elements, leaving the reader on its end.</summary>
    private static int CountElements(ref Utf8JsonReader reader)
    {
        int count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            count++;
            reader.Skip();
        }
        return count;
    }
}
