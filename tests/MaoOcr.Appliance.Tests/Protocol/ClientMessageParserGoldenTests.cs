using System.Buffers;
using MaoOcr.Testing.Buffers;

namespace MaoOcr.Appliance.Tests.Protocol;

/// <summary>The appliance's parser against the golden client messages (docs/protocol/golden/client).</summary>
public sealed class ClientMessageParserGoldenTests
{
    private const double GoldenTimestamp = 1_764_000_000.25;

    private static readonly byte[] s_white = GoldenMessages.WhitePixelPng.ToArray();
    private static readonly byte[] s_black = GoldenMessages.BlackPixelPng.ToArray();

    private readonly ClientMessageParser _parser = new(new ProtocolLimits());

    public static TheoryData<string> ClientFiles => new(GoldenMessages.Files(GoldenMessages.Client));

    [Theory]
    [MemberData(nameof(ClientFiles))]
    public void Every_golden_client_message_is_accepted_in_any_split(string file)
    {
        byte[] bytes = GoldenMessages.Read(file);
        var random = new Random(11);
        for (int round = 0; round < 20; round++)
        {
            using ClientMessage message = Parse(file, SegmentedSequence.Random(bytes, random));
            Assert.Equal(GoldenMessages.ReadEnvelope(file).GetProperty("id").GetString(), message.Id);
        }
    }

    /// <summary>
    /// Each golden request: its id, its requirements, whether it is a batch (the white and the black PNG) or one image
    /// (the white PNG), and whether it asks for a searchable PDF back (<c>"output": "pdf"</c>).
    /// </summary>
    public static TheoryData<string, string, Requirements, bool, bool> Requests => new()
    {
        { "client/ocr_request.image.json", "c-17", Requirements.Default, false, false },
        { "client/ocr_request.image-data-url.json", "c-18", Requirements.Default, false, false },
        { "client/ocr_request.requirements.json", "c-19", new Requirements("invoice", RecognitionLanguage.English, RecognitionAccuracy.High), false, false },
        { "client/ocr_request.images.json", "c-20", Requirements.Default, true, false },
        { "client/ocr_request.binary.hex", "c-21", new Requirements("receipt", RecognitionLanguage.Chinese, RecognitionAccuracy.Fast), false, false },
        { "client/ocr_request.binary-batch.hex", "c-22", Requirements.Default, true, false },
        { "client/ocr_request.output-pdf.json", "c-23", Requirements.Default, false, true },
        { "client/ocr_request.force-ocr.json", "c-24", new Requirements("document", RecognitionLanguage.Auto, RecognitionAccuracy.Balanced) { ForceOcr = true }, false, false },
        { "client/ocr_request.binary-pdf.hex", "c-25", new Requirements("auto", RecognitionLanguage.Auto, RecognitionAccuracy.Balanced) { ForceOcr = true }, false, true },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Request_is_read_into_its_id_requirements_images_and_output(string file, string id, Requirements requirements, bool batch, bool searchablePdf)
    {
        using ClientMessage message = Parse(file);
        Assert.Equal(ClientMessageKind.OcrRequest, message.Kind);
        Assert.Equal(id, message.Id);
        Assert.Equal(GoldenTimestamp, message.Timestamp);
        Assert.Equal(requirements, message.Requirements);
        Assert.Equal(batch, message.IsBatch);
        Assert.Equal(searchablePdf, message.SearchablePdf);
        Assert.Equal(batch ? [s_white, s_black] : [s_white], message.Images.Select(i => i.Memory.ToArray()));
    }

    [Fact]
    public void Every_golden_request_is_in_the_table_above()
    {
        string[] requests = [.. GoldenMessages.Files(GoldenMessages.Client).Where(f => GoldenMessages.TypeOf(f) == MessageTypes.OcrRequest)];
        Assert.Equal(requests, Requests.Select(row => (string)row[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Ping_carries_its_id()
    {
        using ClientMessage message = Parse("client/ping.json");
        Assert.Equal(ClientMessageKind.Ping, message.Kind);
        Assert.Equal("hb-3", message.Id);
        Assert.Equal(1_764_000_030.0, message.Timestamp);
    }

    private ClientMessage Parse(string file) => Parse(file, new ReadOnlySequence<byte>(GoldenMessages.Read(file)));

    private ClientMessage Parse(string file, ReadOnlySequence<byte> bytes)
    {
        bool parsed = file.EndsWith(".hex", StringComparison.Ordinal)
            ? _parser.TryParseBinary(bytes, out ClientMessage? message, out ProtocolError error)
            : _parser.TryParseText(bytes, out message, out error);
        Assert.True(parsed, $"{file}: {error.Code} {error.Message}");
        return message!;
    }
}
