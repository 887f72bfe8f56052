using System.Net.WebSockets;
using System.Text;

namespace MaoOcr.Client.Tests;

/// <summary>
/// A stopping appliance refuses new requests with <c>busy</c> and <c>resend</c>, then closes with 1001 (docs/protocol.md,
/// "Errors"): the SDK keeps them and sends them again on its next connection, which behind a balancer reaches another
/// appliance. The app sees one answer per request and no error.
/// </summary>
public sealed class StoppingApplianceTests
{
    [Fact]
    public async Task Requests_refused_with_resend_are_answered_on_the_next_connection_in_their_order_and_never_fail()
    {
        int refused = 0;
        await using ScriptedServer server = await ScriptedServer.StartAsync((connection, id) =>
        {
            if (connection > 1)
            {
                return [(WebSocketMessageType.Text, Complete(id))];
            }
            // The first connection refuses both requests, then goes away once the second is refused.
            (WebSocketMessageType, byte[]) refusal = (WebSocketMessageType.Text, Refusal(id, resend: true));
            return Interlocked.Increment(ref refused) < 2 ? [refusal] : [refusal, (WebSocketMessageType.Close, "The appliance is shutting down."u8.ToArray())];
        });
        await using var client = new MaoOcrClient(new MaoOcrClientOptions { Server = server.Address });
        await client.ConnectAsync().WaitAsync(Sdk.Patience);

        Task<OcrResult> first = client.RecognizeAsync(GoldenMessages.WhitePixelPng);
        Task<OcrResult> second = client.RecognizeAsync(GoldenMessages.WhitePixelPng);
        OcrResult[] results = await Task.WhenAll(first, second).WaitAsync(Sdk.Patience);

        // Each answer is its own request's (the scripted text is the id).
        Assert.All(results, r => Assert.Equal(r.RequestId, r.Text));
        Assert.Equal(2, server.Connections);
        string[] refusedOrder = [.. server.Received.Where(r => r.Connection == 1).Select(r => r.Id)];
        string[] resentOrder = [.. server.Received.Where(r => r.Connection == 2).Select(r => r.Id)];
        Assert.Equal([results[0].RequestId, results[1].RequestId], refusedOrder);
        Assert.Equal(refusedOrder, resentOrder);
        Assert.Equal(ConnectionStatus.Connected, client.Status);
    }

    [Fact]
    public async Task A_busy_without_resend_still_fails_the_request_with_busy()
    {
        await using ScriptedServer server = await ScriptedServer.StartAsync((_, id) => [(WebSocketMessageType.Text, Refusal(id, resend: false))]);
        await using var client = new MaoOcrClient(new MaoOcrClientOptions { Server = server.Address });
        await client.ConnectAsync().WaitAsync(Sdk.Patience);

        OcrServerException busy = await Assert.ThrowsAsync<OcrServerException>(() => client.RecognizeAsync(GoldenMessages.WhitePixelPng).WaitAsync(Sdk.Patience));

        Assert.Equal(OcrErrorCode.Busy, busy.Code);
        Assert.True(busy.Retryable);
        Assert.Equal(1, server.Connections);
    }

    private static byte[] Refusal(string id, bool resend) => Encoding.UTF8.GetBytes(
        $$$"""{"type":"ocr_error","id":"s-1","data":{"request_id":"{{{id}}}","code":"busy","message":"The appliance is shutting down.","retryable":true,"retry_after_ms":1000{{{(resend ? ",\"resend\":true" : "")}}}}}""");

    private static byte[] Complete(string id) => Encoding.UTF8.GetBytes(
        $$$"""{"type":"ocr_complete","id":"s-2","data":{"request_id":"{{{id}}}","cached":false,"text":"{{{id}}}","width":1,"height":1,"lines":[]}}""");
}
