using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MaoOcr.Testing.Documents;
using static MaoOcr.Appliance.Testing.OcrSocket;

namespace MaoOcr.Appliance.Tests.Documents;

/// <summary>PDF requests over the WebSocket: page progress, the searchable PDF as one binary answer, and a long document
/// that gives the queue back between pages.</summary>
[Collection(DocumentApplianceGroup.Name)]
public sealed class DocumentWebSocketTests(DocumentAppliance fixture)
{
    private readonly RunningAppliance _appliance = fixture.Appliance;

    [Fact]
    public async Task A_PDF_reports_progress_page_by_page_never_going_back_and_completes_once()
    {
        RenderedImage[] images = [.. Enumerable.Range(1, 3).Select(i => TextImageRenderer.RenderLines([$"Progress page {i} of 3 no. 81{i}"]))];
        GeneratedPdf pdf = TestPdfs.ScannedPdf(images);
        using ClientWebSocket socket = await ConnectAsync(_appliance);

        await SendBinaryAsync(socket, PdfRequest("progress-1", pdf.Bytes, output: null));
        List<JsonElement> messages = await ReceiveUntilFinalAsync(socket, "progress-1");

        JsonElement[] progress = messages.Where(m => Type(m) == "ocr_progress").ToArray();
        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.Equal(3, Data(p).GetProperty("pages").GetInt32()));
        int[] pages = progress.Select(p => Data(p).GetProperty("page").GetInt32()).ToArray();
        int[] percents = progress.Select(p => Data(p).GetProperty("progress").GetInt32()).ToArray();
        Assert.Equal(pages.Order(), pages);
        Assert.Equal([1, 2, 3], pages.Distinct());
        Assert.Equal(percents.Order(), percents);
        Assert.All(percents, p => Assert.InRange(p, 0, 100));

        JsonElement complete = messages[^1];
        Assert.Equal("ocr_complete", Type(complete));
        Assert.Single(messages, IsFinal);
        Assert.Equal(3, Data(complete).GetProperty("page_count").GetInt32());
        JsonElement[] results = Data(complete).GetProperty("pages").EnumerateArray().ToArray();
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(i + 1, results[i].GetProperty("page").GetInt32());
            Assert.Equal(images[i].Text, results[i].GetProperty("text").GetString());
        }
        // Nothing more comes for the request: the next message is the answer to a ping.
        await SendTextAsync(socket, """{"type":"ping","id":"after-progress","data":{}}""");
        JsonElement next = await ReceiveAsync(socket);
        Assert.Equal("pong", Type(next));
    }

    [Fact]
    public async Task Output_pdf_answers_with_one_binary_message_holding_the_envelope_and_the_PDF()
    {
        RenderedImage page = TextImageRenderer.RenderLines(["WebSocket searchable 2718", "binary answer 2719"]);
        GeneratedPdf pdf = TestPdfs.ScannedPdf([page, page]);
        using ClientWebSocket socket = await ConnectAsync(_appliance);

        await SendBinaryAsync(socket, PdfRequest("pdf-out-1", pdf.Bytes, output: "pdf"));
        byte[]? answer = null;
        while (answer is null)
        {
            (WebSocketMessageType type, byte[] bytes) = await ReceiveMessageAsync(socket);
            if (type == WebSocketMessageType.Binary)
            {
                answer = bytes;
                continue;
            }
            JsonElement text = JsonDocument.Parse(bytes).RootElement;
            Assert.True(Type(text) is "ocr_start" or "ocr_progress", $"before the binary answer: {text}");
        }

        int envelopeLength = checked((int)BinaryPrimitives.ReadUInt32BigEndian(answer));
        JsonElement envelope = JsonDocument.Parse(answer.AsMemory(4, envelopeLength)).RootElement;
        byte[] document = answer[(4 + envelopeLength)..];
        Assert.Equal("ocr_complete", Type(envelope));
        Assert.Equal("pdf-out-1", RequestId(envelope));
        Assert.Equal("pdf", Data(envelope).GetProperty("output").GetString());
        Assert.Equal(document.Length, Data(envelope).GetProperty("pdf_bytes").GetInt32());
        Assert.Equal(2, Data(envelope).GetProperty("page_count").GetInt32());
        PdfOutput.AssertValid(document);
        IReadOnlyList<string> texts = PdfOutput.PageTexts(document);
        Assert.Equal(2, texts.Count);
        Assert.All(texts, t => Assert.True(TextMetrics.CharacterErrorRate(page.Text, t.Trim()) <= 0.05, t));
    }

    [Fact]
    public async Task An_image_on_another_connection_is_answered_while_a_long_document_is_still_being_read()
    {
        RenderedImage page = TextImageRenderer.RenderLines(["Long document page", "read one page at a time 5566"]);
        GeneratedPdf pdf = TestPdfs.RepeatedScannedPdf(page, 6);
        RenderedImage image = TextImageRenderer.RenderLines(["Quick image 6655"]);
        using ClientWebSocket documentSocket = await ConnectAsync(_appliance);
        using ClientWebSocket imageSocket = await ConnectAsync(_appliance);
        var finished = new ConcurrentQueue<string>();

        await SendBinaryAsync(documentSocket, PdfRequest("long-doc", pdf.Bytes, output: null));
        // Wait until the document is being read, so the image arrives behind it in the one worker's queue.
        while (true)
        {
            JsonElement message = await ReceiveAsync(documentSocket);
            Assert.False(IsFinal(message), $"the document finished before the image was sent: {message}");
            if (Type(message) == "ocr_progress")
            {
                break;
            }
        }
        Task<List<JsonElement>> documentDone = ReceiveAndRecordAsync(documentSocket, "long-doc", finished);
        await SendBinaryAsync(imageSocket, BinaryRequest("quick-image", image.Bytes));
        List<JsonElement> imageMessages = await ReceiveAndRecordAsync(imageSocket, "quick-image", finished);
        List<JsonElement> documentMessages = await documentDone;

        Assert.Equal(["quick-image", "long-doc"], finished);
        Assert.Equal("Quick image 6655", Data(imageMessages[^1]).GetProperty("text").GetString());
        JsonElement document = documentMessages[^1];
        Assert.Equal("ocr_complete", Type(document));
        Assert.Equal(6, Data(document).GetProperty("page_count").GetInt32());
    }

    private static async Task<List<JsonElement>> ReceiveAndRecordAsync(WebSocket socket, string requestId, ConcurrentQueue<string> finished)
    {
        List<JsonElement> messages = await ReceiveUntilFinalAsync(socket, requestId);
        finished.Enqueue(requestId);
        return messages;
    }

    /// <summary>The binary form with a PDF as the payload and, when <paramref name="output"/> is set, data.output.</summary>
    private static byte[] PdfRequest(string id, byte[] pdf, string? output)
    {
        string outputField = output is null ? "" : $"\"output\":\"{output}\",";
        byte[] envelope = Encoding.UTF8.GetBytes($"{{\"type\":\"ocr_request\",\"id\":\"{id}\",\"timestamp\":1764000000.25,\"data\":{{{outputField}\"requirements\":{{\"language\":\"auto\"}}}}}}");
        byte[] message = new byte[4 + envelope.Length + pdf.Length];
        BinaryPrimitives.WriteUInt32BigEndian(message, (uint)envelope.Length);
        envelope.CopyTo(message, 4);
        pdf.CopyTo(message, 4 + envelope.Length);
        return message;
    }

    /// <summary>The next whole message, text or binary (not a close).</summary>
    private static async Task<(WebSocketMessageType Type, byte[] Bytes)> ReceiveMessageAsync(WebSocket socket)
    {
        using var stream = new MemoryStream();
        byte[] buffer = new byte[64 * 1024];
        while (true)
        {
            WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(StepTimeout);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            stream.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (result.MessageType, stream.ToArray());
            }
        }
    }
}
