using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace MaoOcr.Benchmarks.EndToEnd.Soak;

/// <summary>The protocol's client messages (docs/protocol.md), written out byte for byte, good and otherwise.</summary>
internal static class SoakMessages
{
    /// <summary>A binary <c>ocr_request</c>: 4-byte big-endian envelope length, the envelope, the images back to back.</summary>
    /// <param name="dataFields">Extra JSON members of <c>data</c> (each with its leading comma), e.g. a batch's <c>image_sizes</c>.</param>
    public static byte[] Binary(string id, string requirements, IReadOnlyList<byte[]> images, string dataFields = "")
    {
        string sizes = images.Count > 1 ? ",\"image_sizes\":[" + string.Join(',', images.Select(i => i.Length.ToString(CultureInfo.InvariantCulture))) + "]" : "";
        byte[] envelope = Encoding.UTF8.GetBytes(Envelope("ocr_request", id, "{\"requirements\":" + requirements + sizes + dataFields + "}"));
        byte[] message = new byte[4 + envelope.Length + images.Sum(i => i.Length)];
        BinaryPrimitives.WriteUInt32BigEndian(message, (uint)envelope.Length);
        envelope.CopyTo(message, 4);
        int at = 4 + envelope.Length;
        foreach (byte[] image in images)
        {
            image.CopyTo(message, at);
            at += image.Length;
        }
        return message;
    }

    /// <summary>A text <c>ocr_request</c>: one image as <c>data.image</c>, several as the batch's <c>data.images</c>.</summary>
    public static byte[] Text(string id, string requirements, IReadOnlyList<byte[]> images)
    {
        string encoded = images.Count == 1
            ? "\"image\":\"" + Convert.ToBase64String(images[0]) + "\""
            : "\"images\":[" + string.Join(',', images.Select(i => "\"" + Convert.ToBase64String(i) + "\"")) + "]";
        return Encoding.UTF8.GetBytes(Envelope("ocr_request", id, "{\"requirements\":" + requirements + "," + encoded + "}"));
    }

    public static byte[] Ping(string id) => Encoding.UTF8.GetBytes(Envelope("ping", id, "{}"));

    /// <summary>The envelope with its fields in the documented order; <paramref name="data"/> is a JSON object.</summary>
    public static string Envelope(string type, string id, string data)
    {
        double now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        return string.Create(CultureInfo.InvariantCulture, $"{{\"type\":\"{type}\",\"id\":\"{id}\",\"timestamp\":{now:0.000},\"data\":{data}}}");
    }

    /// <summary>
    /// Requirements drawn at random: the three accuracies run the detector at three resolutions, so the engine's buffers
    /// see every shape it will see in service.
    /// </summary>
    public static string Requirements(Random random)
    {
        string language = random.Next(3) switch { 0 => "en", 1 => "ch", _ => "auto" };
        string accuracy = random.Next(10) switch { < 3 => "fast", < 8 => "balanced", _ => "high" };
        return $"{{\"language\":\"{language}\",\"accuracy_requirement\":\"{accuracy}\",\"document_type\":\"soak\"}}";
    }
}
