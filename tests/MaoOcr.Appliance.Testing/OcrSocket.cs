using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace MaoOcr.Appliance.Testing;

/// <summary>The MaoOCR protocol from a test's side of a <see cref="WebSocket"/>: requests out, parsed answers in, each step bounded.</summary>
public static class OcrSocket
{
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    public static Uri Uri(RunningAppliance appliance, string query = "") =>
        new($"{(appliance.Address.Scheme == "https" ? "wss" : "ws")}://{appliance.Address.Authority}/ws/ocr{query}");

    public static async Task<ClientWebSocket> ConnectAsync(RunningAppliance appliance, bool deflate = false)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (deflate)
        {
            socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
        }
        await socket.ConnectAsync(Uri(appliance), CancellationToken.None).WaitAsync(StepTimeout);
        return socket;
    }

    public static string Request(string id, byte[] image, string language = "auto") =>
        "{\"type\":\"ocr_request\",\"id\":\"" + id + "\",\"timestamp\":1764000000.25,\"data\":{\"image\":\""
        + Convert.ToBase64String(image) + "\",\"requirements\":{\"language\":\"" + language + "\"}}}";

    /// <summary>The binary form: 4-byte big-endian envelope length, the envelope, the image bytes.</summary>
    public static byte[] BinaryRequest(string id, byte[] image, string language = "auto")
    {
        byte[] envelope = Encoding.UTF8.GetBytes("{\"type\":\"ocr_request\",\"id\":\"" + id + "\",\"timestamp\":1764000000.25,\"data\":{\"requirements\":{\"language\":\"" + language + "\"}}}");
        byte[] message = new byte[4 + envelope.Length + image.Length];
        BinaryPrimitives.WriteUInt32BigEndian(message, (uint)envelope.Length);
        envelope.CopyTo(message, 4);
        image.CopyTo(message, 4 + envelope.Length);
        return message;
    }

    public static Task SendTextAsync(WebSocket socket, string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(StepTimeout);

    public static Task SendBinaryAsync(WebSocket socket, byte[] message) =>
        socket.SendAsync(message, WebSocketMessageType.Binary, true, CancellationToken.None).WaitAsync(StepTimeout);

    /// <summary>The next message, which must be a text (JSON) one, not a close.</summary>
    public static async Task<JsonElement> ReceiveAsync(WebSocket socket)
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
                Assert.Equal(WebSocketMessageType.Text, result.MessageType);
                return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
            }
        }
    }

    /// <summary>Every message up to and including the final one (ocr_complete or ocr_error) of <paramref name="requestId"/>.</summary>
    public static async Task<List<JsonElement>> ReceiveUntilFinalAsync(WebSocket socket, string requestId)
    {
        var messages = new List<JsonElement>();
        while (true)
        {
            JsonElement message = await ReceiveAsync(socket);
            messages.Add(message);
            if (IsFinal(message) && RequestId(message) == requestId)
            {
                return messages;
            }
        }
    }

    /// <summary>Sends a ping and waits for its pong, skipping anything else.</summary>
    public static async Task PingAsync(WebSocket socket, string id)
    {
        await SendTextAsync(socket, "{\"type\":\"ping\",\"id\":\"" + id + "\",\"data\":{}}");
        while (true)
        {
            JsonElement message = await ReceiveAsync(socket);
            if (Type(message) == "pong")
            {
                Assert.Equal(id, message.GetProperty("id").GetString());
                return;
            }
        }
    }

    /// <summary>Reads (and drops) messages until the appliance's close frame; returns its status (1001 when it stops).</summary>
    public static async Task<WebSocketCloseStatus?> CloseStatusAsync(WebSocket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        byte[] buffer = new byte[64 * 1024];
        while (true)
        {
            WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(StepTimeout);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return result.CloseStatus;
            }
        }
    }

    public static bool IsFinal(JsonElement message) => Type(message) is "ocr_complete" or "ocr_error";

    public static string Type(JsonElement message) => message.GetProperty("type").GetString()!;

    public static JsonElement Data(JsonElement message) => message.GetProperty("data");

    public static string? RequestId(JsonElement message) => Data(message).GetProperty("request_id").GetString();

    public static string Code(JsonElement message) => Data(message).GetProperty("code").GetString()!;
}
