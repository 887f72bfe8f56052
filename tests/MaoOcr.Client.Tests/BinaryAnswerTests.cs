using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;

namespace MaoOcr.Client.Tests;

/// <summary>
/// Binary answers the real appliance never sends broken, from a scripted server: the SDK drops what it cannot read,
/// fails the request whose answer is broken, and keeps the connection for the next request.
/// </summary>
public sealed class BinaryAnswerTests
{
    private static readonly byte[] s_pdf = GoldenMessages.TinyPdf.ToArray();

    [Fact]
    public async Task Unreadable_binary_messages_are_dropped_and_the_good_answer_after_them_arrives_on_the_same_connection()
    {
        await using ScriptedServer server = await ScriptedServer.StartAsync(id =>
        [
            (WebSocketMessageType.Binary, [0, 0, 0xFF, 0xFF, (byte)'{']),
            (WebSocketMessageType.Binary, [0, 1]),
            (WebSocketMessageType.Binary, Frame("not json at all", s_pdf)),
            (WebSocketMessageType.Binary, Frame($$$"""{"type":"ocr_progress","data":{"request_id":"{{{id}}}","stage":"decode","progress":5}}""", s_pdf)),
            (WebSocketMessageType.Binary, Frame(Complete(id, s_pdf.Length), s_pdf)),
        ]);
        await using var client = new MaoOcrClient(new MaoOcrClientOptions { Server = server.Address });
        await client.ConnectAsync().WaitAsync(Sdk.Patience);

        OcrResult result = await client.RecognizeAsync(GoldenMessages.WhitePixelPng, new OcrRequestOptions { SearchablePdf = true }).WaitAsync(Sdk.Patience);

        Assert.Equal(s_pdf, result.SearchablePdf);
        Assert.Equal("scripted", result.Text);
        Assert.Equal(ConnectionStatus.Connected, client.Status);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task An_answer_whose_pdf_is_not_the_announced_size_fails_its_request_and_the_next_request_is_answered()
    {
        int requests = 0;
        await using ScriptedServer server = await ScriptedServer.StartAsync(id =>
            Interlocked.Increment(ref requests) == 1
                ? [(WebSocketMessageType.Binary, Frame(Complete(id, s_pdf.Length + 10), s_pdf))]
                : [(WebSocketMessageType.Binary, Frame(Complete(id, s_pdf.Length), s_pdf))]);
        await using var client = new MaoOcrClient(new MaoOcrClientOptions { Server = server.Address });
        await client.ConnectAsync().WaitAsync(Sdk.Patience);
        var options = new OcrRequestOptions { SearchablePdf = true };

        MaoOcrException broken = await Assert.ThrowsAsync<MaoOcrException>(() => client.RecognizeAsync(GoldenMessages.WhitePixelPng, options).WaitAsync(Sdk.Patience));
        OcrResult next = await client.RecognizeAsync(GoldenMessages.WhitePixelPng, options).WaitAsync(Sdk.Patience);

        Assert.Contains("malformed", broken.Message, StringComparison.Ordinal);
        Assert.Equal(s_pdf, next.SearchablePdf);
        Assert.Equal(ConnectionStatus.Connected, client.Status);
        Assert.Equal(1, server.Connections);
    }

    private static string Complete(string id, int pdfBytes) =>
        $$$"""{"type":"ocr_complete","id":"s-1","data":{"request_id":"{{{id}}}","cached":false,"output":"pdf","pdf_bytes":{{{pdfBytes}}},"text":"scripted","width":1,"height":1,"lines":[]}}""";

    private static byte[] Frame(string envelope, byte[] payload)
    {
        byte[] json = Encoding.UTF8.GetBytes(envelope);
        byte[] message = new byte[4 + json.Length + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(message, (uint)json.Length);
        json.CopyTo(message, 4);
        payload.CopyTo(message, 4 + json.Length);
        return message;
    }
}
