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
    public void Binary_request_for_forced_ocr_and_a_searchable_pdf_is_the_golden_one_byte_for_byte()
    {
        var options = new OcrRequestOptions { DocumentType = "auto", ForceOcr = true, SearchablePdf = true };
        byte[] head = RequestWriter.BinaryHead("c-25", options, imageSizes: null, s_now);
        byte[] request = [.. head, .. GoldenMessages.WhitePixelPng.Span];
        Assert.Equal(GoldenMessages.Read("client/ocr_request.binary-pdf.hex"), request);
    }

    [Fact]
    public void A_request_that_asks_for_nothing_new_sends_neither_force_ocr_nor_output()
    {
        using JsonDocument sent = JsonDocument.Parse(GoldenMessages.BinaryEnvelope(RequestWriter.BinaryHead("c-17", OcrRequestOptions.Default, imageSizes: null, s_now)));
        JsonElement data = sent.RootElement.GetProperty("data");
        Assert.False(data.TryGetProperty("output", out _));
        Assert.False(data.GetProperty("requirements").TryGetProperty("force_ocr", out _));
    }

    /// <summary>The golden text requests the SDK's binary form must match outside the image: the options each stands for.</summary>
    public static TheoryData<string, string, OcrRequestOptions> TextRequests => new()
    {
        { "client/ocr_request.requirements.json", "c-19", new OcrRequestOptions { Language = OcrLanguage.English, Accuracy = OcrAccuracy.High, DocumentType = "invoice" } },
        { "client/ocr_request.output-pdf.json", "c-23", new OcrRequestOptions { SearchablePdf = true } },
        { "client/ocr_request.force-ocr.json", "c-24", new OcrRequestOptions { DocumentType = "document", ForceOcr = true } },
    };

    [Theory]
    [MemberData(nameof(TextRequests))]
    public void Requirements_and_output_are_those_of_the_golden_text_request(string file, string id, OcrRequestOptions options)
    {
        byte[] head = RequestWriter.BinaryHead(id, options, imageSizes: null, s_now);
        using JsonDocument sent = JsonDocument.Parse(GoldenMessages.BinaryEnvelope(head));
        JsonElement golden = GoldenMessages.ReadEnvelope(file);
        foreach (string field in new[] { "type", "id", "timestamp" })
        {
            Assert.True(JsonElement.DeepEquals(golden.GetProperty(field), sent.RootElement.GetProperty(field)), field);
        }
        JsonElement goldenData = golden.GetProperty("data"), sentData = sent.RootElement.GetProperty("data");
        // The SDK always names language and accuracy; a golden request that leaves requirements out means the defaults.
        JsonElement expectedRequirements = goldenData.TryGetProperty("requirements", out JsonElement r)
            ? r
            : JsonElement.Parse("""{"language":"auto","accuracy_requirement":"balanced"}""");
        Assert.True(JsonElement.DeepEquals(expectedRequirements, sentData.GetProperty("requirements")), $"SDK: {sentData}");
        Assert.Equal(goldenData.TryGetProperty("output", out JsonElement output) ? output.GetString() : null,
            sentData.TryGetProperty("output", out JsonElement sentOutput) ? sentOutput.GetString() : null);
    }
}
