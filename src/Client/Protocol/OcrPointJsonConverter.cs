using System.Text.Json;
using System.Text.Json.Serialization;

namespace MaoOcr.Client.Protocol;

/// <summary>Reads and writes an <see cref="OcrPoint"/> as the protocol's <c>[x, y]</c>.</summary>
internal sealed class OcrPointJsonConverter : JsonConverter<OcrPoint>
{
    public override OcrPoint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("A box corner is an array [x, y].");
        }
        reader.Read();
        float x = reader.GetSingle();
        reader.Read();
        float y = reader.GetSingle();
        reader.Read();
        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("A box corner has exactly two numbers.");
        }
        return new OcrPoint(x, y);
    }

    public override void Write(Utf8JsonWriter writer, OcrPoint value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(value.X);
        writer.WriteNumberValue(value.Y);
        writer.WriteEndArray();
    }
}
