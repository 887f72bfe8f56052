using System.Text.Json;
using MaoOcr.Client.Protocol;

namespace MaoOcr.Client.Tests.Protocol;

/// <summary>
/// The SDK's requests against the golden client messages (docs/protocol/golden/client). The SDK writes the ping and the
/// binary form, so those files are its exact output; it never sends the text form, whose files it is compared with field
/// by field.
/// </summary>
public sealed class RequestWriterGoldenTests
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_250);

    [Fact]
    public void Ping_is_the_golden_ping_byte_for_byte()
    {
        byte[] ping = RequestWriter.Ping("hb-3", DateTimeOffset.FromUnixTimeSeconds(1_764_000_030));
        Assert.Equal(GoldenMessages.Read("client/ping.json"), ping);
    }

    [Fact]
    public void Binary_request_is_the_golden_one_byte_for_byte()
    {
        var options = new OcrRequestOptions { Language = OcrLanguage.Chinese, Accuracy = OcrAccuracy.Fast, DocumentType = "receipt" };
        byte[] head = RequestWriter.BinaryHead("c-21", options, imageSizes: null, s_now);
        byte[] request = [.. head, .. GoldenMessages.WhitePixelPng.Span];
        Assert.Equal(GoldenMessages.Read("client/ocr_request.binary.hex"), request);
    }

    [Fact]
    public void Binary_batch_is_the_golden_one_byte_for_byte()
    {
        ReadOnlyMemory<byte>[] images = [GoldenMessages.WhitePixelPng, GoldenMessages.BlackPixelPng];
        byte[] head = RequestWriter.BinaryHead("c-22", OcrRequestOptions.Default, [.. images.Select(i => i.Length)], s_now);
        byte[] request = [.. head, .. images[0].Span, .. images[1].Span];
        Assert.Equal(GoldenMessages.Read("client/ocr_request.binary-batch.hex"), request);
    }

    [Fact]
    public void Requirements_are_those_of_the_golden_text_request()
    {
        // The same request in the binary form the SDK sends: the envelope matches the golden text form except for the image.
        var options = new OcrRequestOptions { Language = OcrLanguage.English, Accuracy = OcrAccuracy.High, DocumentType = "invoice" };
        byte[] head = RequestWriter.BinaryHead("c-19", options, imageSizes: null, s_now);
        using JsonDocument sent = JsonDocument.Parse(GoldenMessages.BinaryEnvelope(head));
        JsonElement golden = GoldenMessages.ReadEnvelope("client/ocr_request.requirements.json");
        foreach (string field in new[] { "type", "id", "timestamp" })
        {
            Assert.True(JsonElement.DeepEquals(golden.GetProperty(field), sent.RootElement.GetProperty(field)), field);
        }
        Assert.True(JsonElement.DeepEquals(golden.GetProperty("data").GetProperty("requirements"), sent.RootElement.GetProperty("data").GetProperty("requirements")),
            $"SDK: {sent.RootElement.GetProperty("data")}");
    }
}
