using System.Net.WebSockets;
using System.Text;

namespace MaoOcr.Benchmarks.EndToEnd.Soak;

/// <summary>
/// Malformed messages, each with the one <c>ocr_error</c> code docs/protocol.md gives it. The protocol refuses only the
/// message: the connection and its other requests carry on, which the soak checks by going on using the connection.
/// </summary>
internal static class BadInputs
{
    private const string InvalidMessage = "invalid_message";
    private const string InvalidImage = "invalid_image";
    private const string UnsupportedFormat = "unsupported_format";
    private const string ImageTooLarge = "image_too_large";

    /// <summary>A batch one over the limit (docs/protocol.md: at most 16); its tiny images are refused before any is decoded.</summary>
    private const int BatchOverLimit = 17;

    /// <summary>Bytes that are no image format the appliance reads, each recognisable by its signature.</summary>
    private static readonly byte[][] s_notImages =
    [
        Encoding.UTF8.GetBytes("Plain text, not an image: the appliance must name what it looks like.\n"),
        Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"40\"><text x=\"0\" y=\"20\">SVG</text></svg>"),
        Encoding.UTF8.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
    ];

    private static readonly string[] s_names =
    [
        "not_json", "invalid_json", "unknown_type", "bad_base64", "not_an_image", "truncated_image", "oversized_image",
        "bad_requirements", "empty_image", "batch_over_limit", "short_binary",
    ];

    /// <summary>Every bad input's name, in the order <see cref="Draw"/> numbers them.</summary>
    public static IReadOnlyList<string> Names => s_names;

    /// <summary>One bad input, chosen uniformly, with id <paramref name="id"/> where it can carry one.</summary>
    public static SoakMessage Draw(Random random, string id, ImageSet images)
    {
        string name = s_names[random.Next(s_names.Length)];
        byte[] image = images.Images[random.Next(images.Images.Count)].Bytes;
        string requirements = SoakMessages.Requirements(random);
        return name switch
        {
            // Not JSON at all: no id can be read, so the refusal carries request_id null.
            "not_json" => Anonymous(name, Text("this is not JSON {"), InvalidMessage),
            // JSON that stops in the middle, after the id: the refusal still carries it.
            "invalid_json" => Parser(name, id, Text($"{{\"id\":\"{id}\",\"type\":\"ocr_request\",\"data\":{{\"image\":\"iVBOR"), InvalidMessage),
            // There is no cancel message in the protocol; a client that sends one learns so.
            "unknown_type" => Parser(name, id, Text(SoakMessages.Envelope("ocr_cancel", id, "{\"request_id\":\"x\"}")), InvalidMessage),
            "bad_base64" => Parser(name, id, Text(SoakMessages.Envelope("ocr_request", id, "{\"image\":\"*** not base64 ***\"}")), InvalidImage),
            "not_an_image" => Engine(name, id, SoakMessages.Binary(id, requirements, [s_notImages[random.Next(s_notImages.Length)]]), UnsupportedFormat),
            // The first half of a real image: the header reads, the pixel data ends early.
            "truncated_image" => Engine(name, id, SoakMessages.Binary(id, requirements, [image[..(image.Length / 2)]]), InvalidImage),
            "oversized_image" => Engine(name, id, SoakMessages.Binary(id, requirements, [OversizedPng.Bytes]), ImageTooLarge),
            "bad_requirements" => Parser(name, id, SoakMessages.Binary(id, "{\"accuracy_requirement\":\"perfect\"}", [image]), InvalidMessage),
            // A binary envelope with nothing after it.
            "empty_image" => Parser(name, id, SoakMessages.Binary(id, requirements, []), InvalidImage),
            "batch_over_limit" => Parser(name, id, Text(SoakMessages.Envelope("ocr_request", id,
                "{\"images\":[" + string.Join(',', Enumerable.Repeat("\"AAAA\"", BatchOverLimit)) + "]}")), InvalidMessage),
            // Shorter than the binary form's 4-byte length prefix: no envelope, no id.
            _ => Anonymous(name, new Payload(WebSocketMessageType.Binary, [0, 0]), InvalidMessage),
        };
    }

    private readonly record struct Payload(WebSocketMessageType Type, byte[] Bytes);

    private static Payload Text(string json) => new(WebSocketMessageType.Text, Encoding.UTF8.GetBytes(json));

    private static Payload Text(byte[] json) => new(WebSocketMessageType.Text, json);

    private static SoakMessage Parser(string name, string id, Payload payload, string code) =>
        new(id, payload.Type, payload.Bytes, new SoakExpectation(name, code, 0, Queued: false));

    private static SoakMessage Parser(string name, string id, byte[] binary, string code) =>
        new(id, WebSocketMessageType.Binary, binary, new SoakExpectation(name, code, 0, Queued: false));

    // Decoded by the engine, after the queue: busy or timeout may come first under load.
    private static SoakMessage Engine(string name, string id, byte[] binary, string code) =>
        new(id, WebSocketMessageType.Binary, binary, new SoakExpectation(name, code, 1, Queued: true));

    private static SoakMessage Anonymous(string name, Payload payload, string code) =>
        new(string.Empty, payload.Type, payload.Bytes, new SoakExpectation(name, code, 0, Queued: false), Anonymous: true);
}
