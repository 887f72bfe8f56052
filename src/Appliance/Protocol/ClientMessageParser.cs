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

    /// <summary>Characters in an envelope's <c>id</c> (docs/protocol.md): a counter with a random prefix fits many times over.</summary>
    public const int MaxIdLength = 128;

    private const string DocumentTypeField = "document_type";
    private const string LanguageField = "language";
    private const string AccuracyField = "accuracy_requirement";

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
        if (json.IsSingleSegment)
        {
            return TryParseContiguous(json, binaryImages, out message, out error, isBinary);
        }
        // Utf8JsonReader's multi-segment path throws IndexOutOfRangeException, not JsonException, on a literal that the
        // data ends inside (found by fuzzing; dotnet/runtime#134448, .NET 10.0.12). The session hands us one buffer
        // anyway, so only a caller with segments pays for this copy.
        int length = checked((int)json.Length);
        byte[] copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            json.CopyTo(copy);
            return TryParseContiguous(new ReadOnlySequence<byte>(copy, 0, length), binaryImages, out message, out error, isBinary);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    private bool TryParseContiguous(ReadOnlySequence<byte> json, ReadOnlySequence<byte> binaryImages, out ClientMessage? message, out ProtocolError error, bool isBinary)
    {
        message = null;
        // Checked before reading, reported after: a refusal should still carry the id when the id itself is sound.
        bool isUtf8 = JsonStrings.IsUtf8(json);
        Envelope envelope = default;
        try
        {
            if (!TryReadEnvelope(json, ref envelope, out error))
            {
                return false;
            }
            string? id = envelope.Id;
            if (!isUtf8)
            {
                error = NotUtf8(isBinary, id);
                return false;
            }
            switch (envelope.Type)
            {
                case MessageTypes.Ping:
                    message = new ClientMessage(ClientMessageKind.Ping, id ?? string.Empty, envelope.Timestamp, Requirements.Default, []);
                    return true;
                case MessageTypes.OcrRequest:
                    if (string.IsNullOrEmpty(id))
                    {
                        error = new ProtocolError(ErrorCode.InvalidMessage, "An ocr_request needs an \"id\": answers carry it as request_id.", null);
                        return false;
                    }
                    if (envelope.Data is not { } data)
                    {
                        error = new ProtocolError(ErrorCode.InvalidMessage, "An ocr_request needs a \"data\" object.", id);
                        return false;
                    }
                    return TryReadRequest(data, id, envelope.Timestamp, isBinary, binaryImages, out message, out error);
                default:
                    error = new ProtocolError(ErrorCode.InvalidMessage,
                        envelope.Type is null ? "The message has no \"type\"." : $"Unknown message type '{Requirements.Truncate(envelope.Type)}'; a client sends ocr_request or ping.", id);
                    return false;
            }
        }
        catch (JsonException e)
        {
            // Bytes that are not UTF-8 can also break the JSON syntax; the encoding is the first thing to fix.
            error = isUtf8
                ? new ProtocolError(ErrorCode.InvalidMessage, $"The message is not valid JSON: {e.Message}", envelope.Id)
                : NotUtf8(isBinary, envelope.Id);
            return false;
        }
    }

    private static ProtocolError NotUtf8(bool isBinary, string? id) => new(ErrorCode.InvalidMessage,
        isBinary ? "The binary message's JSON envelope is not valid UTF-8." : "The message is not valid UTF-8.", id);

    /// <summary>The envelope's fields as far as they have been read; <see cref="Id"/> is set only once it is known to be sound.</summary>
    private struct Envelope
    {
        public string? Type;
        public string? Id;
        public double? Timestamp;

        /// <summary>The whole <c>data</c> object, braces included, to be read again once the type is known.</summary>
        public ReadOnlySequence<byte>? Data;
    }

    /// <summary>
    /// Reads the envelope's fields in one pass. A field that is wrong does not stop the pass: the refusal waits for the
    /// end of the object, so it can carry the id wherever the id stands. A value that is an object or an array is skipped
    /// whole, so its inner keys are never taken for envelope fields.
    /// </summary>
    private static bool TryReadEnvelope(ReadOnlySequence<byte> json, ref Envelope envelope, out ProtocolError error)
    {
        var reader = new Utf8JsonReader(json, s_jsonOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            error = new ProtocolError(ErrorCode.InvalidMessage, "A message is a JSON object {\"type\", \"data\", \"timestamp\", \"id\"}.", null);
            return false;
        }
        string? problem = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (JsonStrings.NameEquals(ref reader, "type"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    JsonStringProblem text = JsonStrings.TryGetString(ref reader, out envelope.Type);
                    problem ??= text == JsonStringProblem.None ? null : JsonStrings.Describe(text, "The message's \"type\"");
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    problem ??= "The message's \"type\" is a string: ocr_request or ping.";
                    reader.Skip();
                }
            }
            else if (JsonStrings.NameEquals(ref reader, "id"u8))
            {
                reader.Read();
                // Read even after another field was found wrong: the refusal carries the id.
                string? idProblem = ReadId(ref reader, out envelope.Id);
                problem ??= idProblem;
            }
            else if (JsonStrings.NameEquals(ref reader, "timestamp"u8))
            {
                reader.Read();
                // Informational only: a timestamp that is not a number is ignored, as before, but skipped whole.
                envelope.Timestamp = reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double t) ? t : null;
                reader.Skip();
            }
            else if (JsonStrings.NameEquals(ref reader, "data"u8))
            {
                reader.Read();
                long start = reader.TokenStartIndex;
                bool isObject = reader.TokenType == JsonTokenType.StartObject;
                reader.Skip();
                envelope.Data = isObject ? json.Slice(start, reader.BytesConsumed - start) : null;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        // Whitespace may follow the object; anything else makes Read throw (or, were the reader ever to allow several
        // values, return a token).
        if (reader.Read())
        {
            error = new ProtocolError(ErrorCode.InvalidMessage, "Only whitespace may follow the message's JSON object.", envelope.Id);
            return false;
        }
        if (problem is not null)
        {
            error = new ProtocolError(ErrorCode.InvalidMessage, problem, envelope.Id);
            return false;
        }
        error = default;
        return true;
    }

    /// <summary>Reads the id at the reader; returns why it is refused, or null. <paramref name="id"/> is null unless it is sound.</summary>
    private static string? ReadId(ref Utf8JsonReader reader, out string? id)
    {
        id = null;
        string? value;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                JsonStringProblem text = JsonStrings.TryGetString(ref reader, out value);
                if (text != JsonStringProblem.None)
                {
                    return JsonStrings.Describe(text, "The message's \"id\"");
                }
                break;
            case JsonTokenType.Number:
                // Numbers are taken as their text so a client that counts still correlates. A number is ASCII.
                value = Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
                break;
            case JsonTokenType.Null:
                return null;
            default:
                reader.Skip();
                return "The message's \"id\" is a string or a number.";
        }
        if (value!.Length > MaxIdLength)
        {
            return $"The message's \"id\" is longer than {MaxIdLength} characters.";
        }
        id = value;
        return null;
    }

    /// <summary>Reads <c>data</c> of an ocr_request; <paramref name="data"/> is exactly the JSON object.</summary>
    private bool TryReadRequest(ReadOnlySequence<byte> data, string id, double? timestamp, bool isBinary, ReadOnlySequence<byte> binaryImages, out ClientMessage? message, out ProtocolError error)
    {
        message = null;
        var images = new List<OcrImage>();
        Requirements requirements = Requirements.Default;
        List<long>? sizes = null;
        bool batch = false, single = false, searchablePdf = false;
        try
        {
            var reader = new Utf8JsonReader(data, s_jsonOptions);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (JsonStrings.NameEquals(ref reader, "image"u8))
                {
                    reader.Read();
                    single = true;
                    if (!TryDecodeImage(ref reader, id, "data.image", images, out error))
                    {
                        return false;
                    }
                }
                else if (JsonStrings.NameEquals(ref reader, "images"u8))
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
                        if (!TryDecodeImage(ref reader, id, "An image in data.images", images, out error))
                        {
                            return false;
                        }
                    }
                }
                else if (JsonStrings.NameEquals(ref reader, "image_sizes"u8))
                {
                    reader.Read();
                    if (!TryReadSizes(ref reader, out sizes))
                    {
                        error = new ProtocolError(ErrorCode.InvalidMessage, "data.image_sizes is an array of positive byte counts.", id);
                        return false;
                    }
                }
                else if (JsonStrings.NameEquals(ref reader, "requirements"u8))
                {
                    reader.Read();
                    if (!TryReadRequirements(ref reader, id, out requirements, out error))
                    {
                        return false;
                    }
                }
                else if (JsonStrings.NameEquals(ref reader, "output"u8))
                {
                    reader.Read();
                    if (!TryReadOutput(ref reader, id, out searchablePdf, out error))
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

            message = new ClientMessage(ClientMessageKind.OcrRequest, id, timestamp, requirements, images) { IsBatch = batch, SearchablePdf = searchablePdf };
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

    /// <param name="field">Where the image stands, for a refusal of its string.</param>
    private bool TryDecodeImage(ref Utf8JsonReader reader, string id, string field, List<OcrImage> images, out ProtocolError error)
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
            // Unescaping an escape of half a surrogate pair would throw; a split value without escapes is copied as is.
            JsonStringProblem problem = reader.ValueIsEscaped ? JsonStrings.Check(ref reader) : JsonStringProblem.None;
            if (problem != JsonStringProblem.None)
            {
                error = new ProtocolError(ErrorCode.InvalidMessage, JsonStrings.Describe(problem, field), id);
                return false;
            }
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
        // Each size may be up to long.MaxValue, so a long sum could wrap round to the real length and pass; the at most
        // 1025 that TryReadSizes reads cannot overflow an Int128.
        Int128 total = 0;
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

    /// <summary><c>data.output</c>: <c>"json"</c> (the default) or <c>"pdf"</c>, a searchable PDF sent with the final answer.</summary>
    private static bool TryReadOutput(ref Utf8JsonReader reader, string id, out bool searchablePdf, out ProtocolError error)
    {
        searchablePdf = false;
        error = default;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }
        if (reader.TokenType == JsonTokenType.String && (reader.ValueTextEquals("json"u8) || reader.ValueTextEquals("pdf"u8)))
        {
            searchablePdf = reader.ValueTextEquals("pdf"u8);
            return true;
        }
        error = new ProtocolError(ErrorCode.InvalidMessage, "data.output is \"json\" or \"pdf\" (a searchable PDF with the answer).", id);
        return false;
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
        bool forceOcr = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (JsonStrings.NameEquals(ref reader, "force_ocr"u8))
            {
                reader.Read();
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null))
                {
                    error = new ProtocolError(ErrorCode.InvalidMessage, "data.requirements.force_ocr is true or false.", id);
                    return false;
                }
                forceOcr = reader.TokenType == JsonTokenType.True;
                continue;
            }
            string? field = JsonStrings.NameEquals(ref reader, "document_type"u8) ? DocumentTypeField
                : JsonStrings.NameEquals(ref reader, "language"u8) ? LanguageField
                : JsonStrings.NameEquals(ref reader, "accuracy_requirement"u8) ? AccuracyField
                : null;
            reader.Read();
            if (field is null)
            {
                reader.Skip();
                continue;
            }
            string? value = null;
            if (reader.TokenType == JsonTokenType.String)
            {
                JsonStringProblem text = JsonStrings.TryGetString(ref reader, out value);
                if (text != JsonStringProblem.None)
                {
                    error = new ProtocolError(ErrorCode.InvalidMessage, JsonStrings.Describe(text, "data.requirements." + field), id);
                    return false;
                }
            }
            else if (reader.TokenType == JsonTokenType.Null)
            {
                value = string.Empty;
            }
            if (value is null)
            {
                error = new ProtocolError(ErrorCode.InvalidMessage, $"data.requirements.{field} is a string.", id);
                return false;
            }
            switch (field)
            {
                case DocumentTypeField:
                    documentType = value;
                    break;
                case LanguageField:
                    language = value;
                    break;
                default:
                    accuracy = value;
                    break;
            }
        }
        if (!Requirements.TryCreate(documentType, language, accuracy, out requirements, out string? problem))
        {
            error = new ProtocolError(ErrorCode.InvalidMessage, problem!, id);
            return false;
        }
        requirements = requirements with { ForceOcr = forceOcr };
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
