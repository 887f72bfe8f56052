using System.Buffers.Binary;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using static MaoOcr.Appliance.Testing.OcrSocket;

namespace MaoOcr.Appliance.Tests.Sessions;

/// <summary>The /ws/ocr endpoint end to end: the real server on loopback, System.Net's ClientWebSocket, real OCR.</summary>
public sealed class WebSocketEndpointTests : IClassFixture<ApplianceFixture>
{
    private static readonly TimeSpan s_timeout = OcrSocket.StepTimeout;

    private readonly RunningAppliance _appliance;

    public WebSocketEndpointTests(ApplianceFixture fixture) => _appliance = fixture.Appliance;

    [Fact]
    public async Task Text_request_gets_start_progress_and_a_complete_with_the_text()
    {
        using ClientWebSocket socket = await ConnectAsync(_appliance, deflate: false);
        RenderedImage image = TextImageRenderer.RenderLines(["WebSocket text 7031", "Second line here"]);
        await SendTextAsync(socket, Request("c-1", image.Bytes));

        List<JsonElement> messages = await ReceiveUntilFinalAsync(socket, "c-1");
        JsonElement final = messages[^1];
        Assert.Equal("ocr_complete", Type(final));
        Assert.Contains(messages, m => Type(m) == "ocr_start" && Data(m).GetProperty("request_id").GetString() == "c-1");
        Assert.Contains(messages, m => Type(m) == "ocr_progress");
        Assert.Equal("c-1", Data(final).GetProperty("request_id").GetString());
        string text = Data(final).GetProperty("text").GetString()!;
        Assert.True(TextMetrics.CharacterErrorRate(image.Text, text) <= 0.05, text);
        Assert.All(messages, m => Assert.StartsWith("s-", m.GetProperty("id").GetString(), StringComparison.Ordinal));
        int[] progress = [.. messages.Where(m => Type(m) == "ocr_progress").Select(m => Data(m).GetProperty("progress").GetInt32())];
        Assert.Equal(progress.Order(), progress);
        Assert.Equal("ocr_start", Type(messages[0]));
    }

    [Fact]
    public async Task Binary_form_with_permessage_deflate_works()
    {
        using ClientWebSocket socket = await ConnectAsync(_appliance, deflate: true);
        Assert.Contains("permessage-deflate", string.Join(",", socket.HttpResponseHeaders!["Sec-WebSocket-Extensions"]), StringComparison.Ordinal);
        RenderedImage image = TextImageRenderer.RenderLines(["Binary frame 5523"]);
        byte[] envelope = Encoding.UTF8.GetBytes("""{"type":"ocr_request","id":"b-1","timestamp":1764000000.25,"data":{"requirements":{"language":"en"}}}""");
        byte[] message = new byte[4 + envelope.Length + image.Bytes.Length];
        BinaryPrimitives.WriteUInt32BigEndian(message, (uint)envelope.Length);
        envelope.CopyTo(message, 4);
        image.Bytes.CopyTo(message, 4 + envelope.Length);
        await socket.SendAsync(message, WebSocketMessageType.Binary, true, CancellationToken.None).WaitAsync(s_timeout);

        JsonElement final = (await ReceiveUntilFinalAsync(socket, "b-1"))[^1];
        Assert.Equal("ocr_complete", Type(final));
        Assert.True(TextMetrics.CharacterErrorRate(image.Text, Data(final).GetProperty("text").GetString()!) <= 0.05, Data(final).GetProperty("text").GetString());
    }

    [Fact]
    public async Task Ping_gets_pong_and_bad_messages_get_errors_while_the_connection_keeps_working()
    {
        using ClientWebSocket socket = await ConnectAsync(_appliance, deflate: false);

        await SendTextAsync(socket, """{"type":"ping","id":"hb-3","timestamp":1764000030.0,"data":{}}""");
        JsonElement pong = await ReceiveAsync(socket);
        Assert.Equal("pong", Type(pong));
        Assert.Equal("hb-3", pong.GetProperty("id").GetString());

        await SendTextAsync(socket, "{not json");
        JsonElement invalid = await ReceiveAsync(socket);
        Assert.Equal("ocr_error", Type(invalid));
        Assert.Equal("invalid_message", Data(invalid).GetProperty("code").GetString());

        await SendTextAsync(socket, Request("bad-1", [1, 2, 3, 4, 5, 6, 7, 8]));
        JsonElement badImage = (await ReceiveUntilFinalAsync(socket, "bad-1"))[^1];
        Assert.Equal("ocr_error", Type(badImage));
        Assert.Contains(Data(badImage).GetProperty("code").GetString(), new[] { "invalid_image", "unsupported_format" });
        Assert.False(Data(badImage).GetProperty("retryable").GetBoolean());

        await SendTextAsync(socket, """{"type":"ping","id":"hb-4","timestamp":1764000031.0,"data":{}}""");
        JsonElement pong2 = await ReceiveAsync(socket);
        Assert.Equal("hb-4", pong2.GetProperty("id").GetString());
    }

    /// <summary>
    /// Strings that are not text (an escape of half a surrogate pair, bytes that are not UTF-8 in a binary envelope) are
    /// refused one message at a time: the connection and the request already in flight on it carry on.
    /// </summary>
    [Fact]
    public async Task Hostile_strings_are_invalid_message_and_the_request_in_flight_still_completes()
    {
        using ClientWebSocket socket = await ConnectAsync(_appliance, deflate: false);
        RenderedImage image = TextImageRenderer.RenderLines(["In flight 4410", "while hostile text arrives"]);
        await SendBinaryAsync(socket, BinaryRequest("in-flight", image.Bytes));

        await SendTextAsync(socket, """{"type":"ping","id":"\udc00","timestamp":1.0,"data":{}}""");
        await SendTextAsync(socket, """{"type":"ocr_request","id":"h-image","data":{"image":"iVBO\ud800"}}""");
        await SendTextAsync(socket, """{"type":"ocr_request","id":"h-language","data":{"image":"iVBO","requirements":{"language":"e\udc00n"}}}""");
        byte[] envelope = [.. "{\"type\":\"ocr_request\",\"id\":\"h-utf8\",\"data\":{\"requirements\":{\"document_type\":\""u8, 0xC3, .. "\"}}}"u8];
        byte[] binary = new byte[4 + envelope.Length + image.Bytes.Length];
        BinaryPrimitives.WriteUInt32BigEndian(binary, (uint)envelope.Length);
        envelope.CopyTo(binary, 4);
        image.Bytes.CopyTo(binary, 4 + envelope.Length);
        await SendBinaryAsync(socket, binary);

        var refused = new List<string?>();
        JsonElement? completed = null;
        while (completed is null || refused.Count < 4)
        {
            JsonElement message = await ReceiveAsync(socket);
            if (Type(message) == "ocr_error")
            {
                Assert.Equal("invalid_message", Code(message));
                refused.Add(RequestId(message));
            }
            else if (Type(message) == "ocr_complete")
            {
                completed = message;
            }
        }
        Assert.Equal([null, "h-image", "h-language", "h-utf8"], refused);
        Assert.Equal("in-flight", RequestId(completed.Value));
        Assert.True(TextMetrics.CharacterErrorRate(image.Text, Data(completed.Value).GetProperty("text").GetString()!) <= 0.05);
        await PingAsync(socket, "still-open");
    }

    [Fact]
    public async Task Five_requests_in_flight_each_get_exactly_one_final_message()
    {
        using ClientWebSocket socket = await ConnectAsync(_appliance, deflate: false);
        string[] ids = [.. Enumerable.Range(1, 5).Select(i => $"m-{i}")];
        for (int i = 0; i < ids.Length; i++)
        {
            byte[] image = TextImageRenderer.RenderLines([$"Concurrent page {i + 1} {8800 + i}"]).Bytes;
            await SendTextAsync(socket, Request(ids[i], image));
        }

        var finals = new Dictionary<string, int>(StringComparer.Ordinal);
        while (finals.Count < ids.Length)
        {
            JsonElement message = await ReceiveAsync(socket);
            if (Type(message) is "ocr_complete" or "ocr_error")
            {
                string id = Data(message).GetProperty("request_id").GetString()!;
                finals[id] = finals.GetValueOrDefault(id) + 1;
                Assert.Equal("ocr_complete", Type(message));
            }
        }
        // One more round trip: no second final message may be queued before the pong.
        await SendTextAsync(socket, """{"type":"ping","id":"after","data":{}}""");
        JsonElement next = await ReceiveAsync(socket);
        Assert.Equal("pong", Type(next));
        Assert.Equal(ids.Order(StringComparer.Ordinal), finals.Keys.Order(StringComparer.Ordinal));
        Assert.All(finals.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task Plain_http_on_the_same_port_still_works()
    {
        Assert.Equal("ok\n", await _appliance.Client.GetStringAsync("/healthz"));
        using ClientWebSocket socket = await ConnectAsync(_appliance, deflate: false);
        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.Equal("ok\n", await _appliance.Client.GetStringAsync("/healthz"));
    }

    [Fact]
    public async Task Handshake_with_a_wrong_token_is_refused_with_401()
    {
        await using RunningAppliance appliance = await RunningAppliance.StartAsync(("Server:ApiToken", "ws-secret"));
        using var wrong = new ClientWebSocket();
        wrong.Options.CollectHttpResponseDetails = true;
        wrong.Options.SetRequestHeader("Authorization", "Bearer not-it");
        await Assert.ThrowsAsync<WebSocketException>(() => wrong.ConnectAsync(SocketUri(appliance), CancellationToken.None).WaitAsync(s_timeout));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.HttpStatusCode);

        using var right = new ClientWebSocket();
        right.Options.SetRequestHeader("Authorization", "Bearer ws-secret");
        await right.ConnectAsync(SocketUri(appliance), CancellationToken.None).WaitAsync(s_timeout);
        await SendTextAsync(right, """{"type":"ping","id":"tok","data":{}}""");
        Assert.Equal("pong", Type(await ReceiveAsync(right)));
    }

    private static Uri SocketUri(RunningAppliance appliance) => OcrSocket.Uri(appliance);

    private static Task<ClientWebSocket> ConnectAsync(RunningAppliance appliance, bool deflate) => OcrSocket.ConnectAsync(appliance, deflate);
}
