using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using MaoOcr.Appliance.Core;

namespace MaoOcr.Appliance.Protocol;

/// <summary>
/// Parses client messages without reflection or intermediate strings for image data: base64 is decoded
/// from the JSON buffer straight into a pooled buffer. Returns a result; bad input never throws.
/// </summary>
/// <remarks>
/// Text form: a JSON envelope <c>{"type","data","timestamp","id"}</c>. Binary form: a 4-byte big-endian
/// length, that many bytes of JSON envelope, then the raw image bytes (split by <c>data.image_sizes</c>
/// for a batch). Envelope fields may come in any order, so the envelope is read once for its type and id
/// with <c>data</c> skipped, then <c>data</c> is read for that type.
/// </remarks>
public sealed class ClientMessageParser
{
    /// <summary>Length prefix of the binary form.</summary>
    public const int BinaryPrefixLength = 4;

    private static readonly JsonReaderOptions s_jsonOptions = new() { MaxDepth = 16, CommentHandling = JsonCommentHandling.Disallow };

    private readonly ProtocolLimits _limits;

    public ClientMessageParser(ProtocolLimits limits) => _limits = limits;

    /// <summary>Parses a text (JSON) message.</summary>
    public bool TryParseText(ReadOnlySequence<byte> json, out ClientMessage? message, out ProtocolError error)
        => TryParse(json, binaryImages: default, out message, out error);

    /// <summary>Parses a binary message: length prefix, JSON envelope, image bytes.</summary>
    public bool TryParseBinary(ReadOnlySequence<byte> payload, out ClientMessage? message, out ProtocolError error)
    {
        message = null;
        if (payload.Length < BinaryPrefixLength)
        {
            error = new ProtocolError(ErrorCode.InvalidMessage, $"A binary message starts with a {BinaryPrefixLength}-byte envelope length; got {payload.Length} bytes.", null);
            return false;
        }
        Span<byte> prefix = stackalloc byte[BinaryPrefixLength];
        payload.Slice(0, BinaryPrefixLength).CopyTo(prefix);
        uint envelopeLength = BinaryPrimitives.ReadUInt32BigEndian(prefix);
        if (envelopeLength == 0 || envelopeLength > (uint)_limits.MaxEnvelopeBytes || envelopeLength > payload.Length - BinaryPrefixLength)
        {
            error = new ProtocolError(ErrorCode.InvalidMessage,
                $"The binary message's envelope length {envelopeLength} is not between 1 and {Math.Min(_limits.MaxEnvelopeBytes, payload.Length - BinaryPrefixLength)} bytes.", null);
            return false;
        }
        ReadOnlySequence<byte> envelope = payload.Slice(BinaryPrefixLength, envelopeLength);
        ReadOnlySequence<byte> images = payload.Slice(BinaryPrefixLength + envelopeLength);
        return TryParse(envelope, images.IsEmpty ? ReadOnlySequence<byte>.Empty : images, out message, out error, isBinary: true);
    }

    private bool TryParse(ReadOnlySequence<byte> json, ReadOnlySequence<byte> binaryImages, out ClientMessage? message, out ProtocolError error, bool isBinary = false)
    {
        message = null;
        string? id = null;
        try
        {
            if (!TryReadEnvelope(json, out string? type, out id, out double? timestamp, out ReadOnlySequence<byte>? data, out error))
            {
                return false;
            }
            switch (type)
            {
                case MessageTypes.Ping:
                    message = new ClientMessage(ClientMessageKind.Ping, id ?? string.Empty, timestamp, Requirements.Default, []);
                    return true;
                case MessageTypes.OcrRequest:
                    if (string.IsNullOrEmpty(id))
                    {
                        error = new ProtocolError(ErrorCode.InvalidMessage, "An ocr_request needs an \"id\": answers carry it as request_id.", null);
                        return false;
                    }
                    if (data is null)
                    {
                        error = new ProtocolError(ErrorCode.InvalidMessage, "An ocr_request needs a \"data\" object.", id);
                        return false;
                    }
                    return TryReadRequest(data.Value, id, timestamp, isBinary, binaryImages, out message, out error);
                default:
                    error = new ProtocolError(ErrorCode.InvalidMessage,
                        type is null ? "The message has no \"type\"." : $"Unknown message type '{Requirements.Truncate(type)}'; a client sends ocr_request or ping.", id);
                    return false;
            }
        }
        catch (JsonException e)
        {
            error = new ProtocolError(ErrorCode.InvalidMessage, $"The message is not valid JSON: {e.Message}", id);
            return false;
        }
    }

    private static bool TryReadEnvelope(ReadOnlySequence<byte> json, out string? type, out string? id, out double? timestamp, out ReadOnlySequence<byte>? data, out ProtocolError error)
    {
        type = id = null;
        timestamp = null;
        data = null;
        var reader = new Utf8JsonReader(json, s_jsonOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            error = new ProtocolError(ErrorCode.InvalidMessage, "A message is a JSON object {\"type\", \"data\", \"timestamp\", \"id\"}.", null);
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
                // Ids are strings; numbers are taken as their text so a client that counts still correlates.
                id = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
                    _ => null,
                };
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                timestamp = reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double t) ? t : null;
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                long start = reader.TokenStartIndex;
                bool isObject = reader.TokenType == JsonTokenType.StartObject;
                reader.Skip();
                // The whole object, braces included, to be read again once the type is known.
                data = isObject ? json.Slice(start, reader.BytesConsumed - start) : null;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (id is { Length: > 128 })
        {
            error = new ProtocolError(ErrorCode.InvalidMessage, "The message id is longer than 128 characters.", null);
            id = null;
            return false;
        }
        error = default;
        return true;
    }

    /// <summary>Reads <c>data</c> of an ocr_request; <paramref name="data"/> is exactly the JSON object.</summary>
    private bool TryReadRequest(ReadOnlySequence<byte> data, string id, double? timestamp, bool isBinary, ReadOnlySequence<byte> binaryImages, out ClientMessage? message, out ProtocolError error)
    {
        message = null;
        var images = new List<OcrImage>();
        Requirements requirements = Requirements.Default;
        List<long>? sizes = null;
        bool batch = false, single = false;
        try
        {
            var reader = new Utf8JsonReader(data, s_jsonOptions);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("image"u8))
                {
                    reader.Read();
                    single = true;
                    if (!TryDecodeImage(ref reader, id, images, out error))
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("images"u8))
                {
                    reader.Read();
                    batch = true;
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        error = new ProtocolError(ErrorCode.InvalidMessage, "data.images is an array of base64 images.", id);
                        return false;
                    }
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (images.Count == _limits.MaxImagesPerRequest)
                        {
                            error = new ProtocolError(ErrorCode.InvalidMessage, _limits.BatchTooLarge(), id);
                            return false;
                        }
                        if (!TryDecodeImage(ref reader, id, images, out error))
                        {
                            return false;
                        }
                    }
                }
                else if (reader.ValueTextEquals("image_sizes"u8))
                {
                    reader.Read();
                    if (!TryReadSizes(ref reader, out sizes))
                    {
                        error = new ProtocolError(ErrorCode.InvalidMessage, "data.image_sizes is an array of positive byte counts.", id);
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("requirements"u8))
                {
                    reader.Read();
                    if (!TryReadRequirements(ref reader, id, out requirements, out error))
                    {
                        return false;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (isBinary)
            {
                if (single || batch)
                {
                    error = new ProtocolError(ErrorCode.InvalidMessage, "A binary ocr_request carries its images after the envelope, not in data.image or data.images.", id);
                    return false;
                }
                if (!TrySplitBinary(binaryImages, sizes, id, images, out error))
                {
                    return false;
                }
                batch = sizes is not null;
            }
            else if (single == batch)
            {
                error = new ProtocolError(ErrorCode.InvalidMessage,
                    single ? "An ocr_request has data.image or data.images, not both." : "An ocr_request needs data.image (base64) or data.images (a batch).", id);
                return false;
            }
            if (images.Count == 0)
            {
                error = new ProtocolError(ErrorCode.InvalidImage, "The request has no image data.", id);
                return false;
            }

            message = new ClientMessage(ClientMessageKind.OcrRequest, id, timestamp, requirements, images) { IsBatch = batch };
            images = [];
            error = default;
            return true;
        }
        finally
        {
            foreach (OcrImage image in images)
            {
                image.Dispose();
            }
        }
    }

    private bool TryDecodeImage(ref Utf8JsonReader reader, string id, List<OcrImage> images, out ProtocolError error)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            error = new ProtocolError(ErrorCode.InvalidMessage, "An image is a base64 string.", id);
            return false;
        }
        // Escapes are legal JSON even in base64 ("\/"), and a long value may span segments: copy out then.
        int encodedLength = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        byte[]? copy = null;
        ReadOnlySpan<byte> encoded;
        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            encoded = reader.ValueSpan;
        }
        else
        {
            copy = ArrayPool<byte>.Shared.Rent(Math.Max(encodedLength, 1));
            encoded = copy.AsSpan(0, reader.CopyString(copy));
        }
        try
        {
            encoded = StripDataUrl(encoded);
            if (encoded.IsEmpty)
            {
                error = new ProtocolError(ErrorCode.InvalidImage, "The image is empty.", id);
                return false;
            }
            int maxDecoded = Base64.GetMaxDecodedFromUtf8Length(encoded.Length);
            // Three bytes per four characters, less padding: refuse before decoding anything.
            if (maxDecoded - 2 > _limits.MaxImageBytes)
            {
                error = new ProtocolError(ErrorCode.ImageTooLarge, _limits.ImageTooLarge(maxDecoded, estimated: true), id);
                return false;
            }
            byte[] buffer = OcrImage.RentBuffer(maxDecoded);
            OperationStatus status = Base64.DecodeFromUtf8(encoded, buffer, out _, out int written);
            if (status != OperationStatus.Done || written > _limits.MaxImageBytes)
            {
                OcrImage.ReturnBuffer(buffer);
                error = status == OperationStatus.Done
                    ? new ProtocolError(ErrorCode.ImageTooLarge, _limits.ImageTooLarge(written), id)
                    : new ProtocolError(ErrorCode.InvalidImage, "The image is not valid base64.", id);
                return false;
            }
            if (written == 0)
            {
                OcrImage.ReturnBuffer(buffer);
                error = new ProtocolError(ErrorCode.InvalidImage, "The image is empty.", id);
                return false;
            }
            OcrImage payload = OcrImage.FromRentedBuffer(buffer, written);
            images.Add(payload);
            error = default;
            return true;
        }
        finally
        {
            if (copy is not null)
            {
                ArrayPool<byte>.Shared.Return(copy);
            }
        }
    }

    private bool TrySplitBinary(ReadOnlySequence<byte> bytes, List<long>? sizes, string id, List<OcrImage> images, out ProtocolError error)
    {
        sizes ??= [bytes.Length];
        if (sizes.Count > _limits.MaxImagesPerRequest)
        {
            error = new ProtocolError(ErrorCode.InvalidMessage, _limits.BatchTooLarge(), id);
            return false;
        }
        long total = 0;
        foreach (long size in sizes)
        {
            total += size;
        }
        if (total != bytes.Length)
        {
            error = new ProtocolError(ErrorCode.InvalidMessage, $"data.image_sizes add up to {total} bytes but {bytes.Length} follow the envelope.", id);
            return false;
        }
        long offset = 0;
        foreach (long size in sizes)
        {
            if (size > _limits.MaxImageBytes)
            {
                error = new ProtocolError(ErrorCode.ImageTooLarge, _limits.ImageTooLarge(size), id);
                return false;
            }
            if (size == 0)
            {
                error = new ProtocolError(ErrorCode.InvalidImage, "The image is empty.", id);
                return false;
            }
            // One copy out of the frame buffers: the request outlives the message it came in.
            byte[] buffer = OcrImage.RentBuffer((int)size);
            bytes.Slice(offset, size).CopyTo(buffer);
            images.Add(OcrImage.FromRentedBuffer(buffer, (int)size));
            offset += size;
        }
        error = default;
        return true;
    }

    private static bool TryReadSizes(ref Utf8JsonReader reader, out List<long>? sizes)
    {
        sizes = null;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }
        var list = new List<long>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long size) || size < 0 || list.Count > 1024)
            {
                return false;
            }
            list.Add(size);
        }
        sizes = list;
        return list.Count > 0;
    }

    private static bool TryReadRequirements(ref Utf8JsonReader reader, string id, out Requirements requirements, out ProtocolError error)
    {
        requirements = Requirements.Default;
        if (reader.TokenType == JsonTokenType.Null)
        {
            error = default;
            return true;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            error = new ProtocolError(ErrorCode.InvalidMessage, "data.requirements is an object.", id);
            return false;
        }
        string? documentType = null, language = null, accuracy = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isType = reader.ValueTextEquals("document_type"u8);
            bool isLanguage = reader.ValueTextEquals("language"u8);
            bool isAccuracy = reader.ValueTextEquals("accuracy_requirement"u8);
            reader.Read();
            if (!isType && !isLanguage && !isAccuracy)
            {
                reader.Skip();
                continue;
            }
            string? value = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Null => string.Empty,
                _ => null,
            };
            if (value is null)
            {
                error = new ProtocolError(ErrorCode.InvalidMessage, "Requirements are strings.", id);
                return false;
            }
            if (isType)
            {
                documentType = value;
            }
            else if (isLanguage)
            {
                language = value;
            }
            else
            {
                accuracy = value;
            }
        }
        if (!Requirements.TryCreate(documentType, language, accuracy, out requirements, out string? problem))
        {
            error = new ProtocolError(ErrorCode.InvalidMessage, problem!, id);
            return false;
        }
        error = default;
        return true;
    }

    /// <summary>Browsers' FileReader gives "data:image/png;base64,…": the payload is what follows the comma.</summary>
    private static ReadOnlySpan<byte> StripDataUrl(ReadOnlySpan<byte> value)
    {
        if (value.StartsWith("data:"u8))
        {
            int comma = value.IndexOf((byte)',');
            return comma < 0 ? [] : value[(comma + 1)..];
        }
        return value;
    }
}
