using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static MaoOcr.Appliance.Testing.OcrSocket;

namespace MaoOcr.Appliance.Tests.Hosting;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_finishes_requests_in_flight_then_closes_websockets_with_1001()
    {
        RunningAppliance appliance = await RunningAppliance.StartAsync(("Queue:Workers", "1"));
        await using (appliance)
        {
            using ClientWebSocket socket = await ConnectAsync(appliance);
            RenderedImage first = TextImageRenderer.RenderLines(["Shutdown first 1207", "one more line"]);
            RenderedImage second = TextImageRenderer.RenderLines(["Shutdown second 1208", "one more line", "and a third line", "and a fourth"]);
            await SendBinaryAsync(socket, BinaryRequest("first", first.Bytes));
            await SendBinaryAsync(socket, BinaryRequest("second", second.Bytes));
            // Stop once both are accepted (each ocr_start comes when its request is queued); with one worker the
            // second waits behind the first, so it is in flight when the stop begins.
            Dictionary<string, JsonElement> finals = await ReceiveUntilStartedAsync(socket, "second");
            Assert.False(finals.ContainsKey("second"));
            Task stopping = appliance.StopAsync();

            byte[] buffer = new byte[64 * 1024];
            WebSocketReceiveResult? close = null;
            using var stream = new MemoryStream();
            while (close is null)
            {
                WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(StepTimeout);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    close = result;
                    break;
                }
                stream.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    JsonElement message = JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
                    stream.SetLength(0);
                    if (IsFinal(message))
                    {
                        finals.Add(RequestId(message)!, message);
                    }
                }
            }

            Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, close.CloseStatus);
            Assert.Equal(["first", "second"], finals.Keys.Order(StringComparer.Ordinal));
            Assert.All(finals.Values, m => Assert.Equal("ocr_complete", Type(m)));
            Assert.True(TextMetrics.CharacterErrorRate(second.Text, Data(finals["second"]).GetProperty("text").GetString()!) <= 0.05);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(StepTimeout);
            await stopping.WaitAsync(StepTimeout);
        }
    }

    [Fact]
    public async Task A_request_that_reaches_a_session_going_away_is_refused_busy_with_resend_and_the_others_are_answered()
    {
        RunningAppliance appliance = await RunningAppliance.StartAsync(("Queue:Workers", "1"));
        await using (appliance)
        {
            IHostApplicationLifetime lifetime = appliance.Services.GetRequiredService<IHostApplicationLifetime>();
            using ClientWebSocket socket = await ConnectAsync(appliance);
            // Two requests of several lines on one worker: the session still has work in flight when the third arrives,
            // so it is open (no 1001 yet) but going away.
            RenderedImage first = TextImageRenderer.RenderLines(["Resend first 3101", "one more line", "and a third line", "and a fourth"]);
            RenderedImage second = TextImageRenderer.RenderLines(["Resend second 3102", "one more line", "and a third line", "and a fourth"]);
            await SendBinaryAsync(socket, BinaryRequest("first", first.Bytes));
            await SendBinaryAsync(socket, BinaryRequest("second", second.Bytes));
            Dictionary<string, JsonElement> finals = await ReceiveUntilStartedAsync(socket, "second");

            // What the host's shutdown signals first; every session registered on it turns away new requests from here on.
            lifetime.StopApplication();
            await SendBinaryAsync(socket, BinaryRequest("third", TextImageRenderer.RenderLines(["Resend third 3103"]).Bytes));

            WebSocketCloseStatus? close = await ReceiveFinalsUntilCloseAsync(socket, finals);
            Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, close);
            Assert.Equal(["first", "second", "third"], finals.Keys.Order(StringComparer.Ordinal));
            Assert.Equal("ocr_complete", Type(finals["first"]));
            Assert.Equal("ocr_complete", Type(finals["second"]));
            JsonElement refused = finals["third"];
            Assert.Equal("ocr_error", Type(refused));
            // busy as before, so an older client still sees a retryable error; resend tells a current one to send it again
            // on its next connection instead of showing it.
            Assert.Equal("busy", Data(refused).GetProperty("code").GetString());
            Assert.True(Data(refused).GetProperty("retryable").GetBoolean());
            Assert.True(Data(refused).TryGetProperty("resend", out JsonElement resend) && resend.ValueKind == JsonValueKind.True,
                $"a refusal while going away carries data.resend: true; got {refused}");
            Assert.False(Data(finals["second"]).TryGetProperty("resend", out _));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(StepTimeout);
        }
    }

    /// <summary>Reads until the close frame, adding each final answer to <paramref name="finals"/>; the close status.</summary>
    private static async Task<WebSocketCloseStatus?> ReceiveFinalsUntilCloseAsync(ClientWebSocket socket, Dictionary<string, JsonElement> finals)
    {
        byte[] buffer = new byte[64 * 1024];
        using var stream = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(StepTimeout);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return result.CloseStatus;
            }
            stream.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                JsonElement message = JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
                stream.SetLength(0);
                if (IsFinal(message))
                {
                    finals.Add(RequestId(message)!, message);
                }
            }
        }
    }

    /// <summary>
    /// Reads until <paramref name="requestId"/>'s ocr_start (it is queued, so in flight when a stop begins); returns the
    /// final messages that came before it, by request id.
    /// </summary>
    private static async Task<Dictionary<string, JsonElement>> ReceiveUntilStartedAsync(ClientWebSocket socket, string requestId)
    {
        var finals = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        while (true)
        {
            JsonElement message = await ReceiveAsync(socket);
            if (IsFinal(message))
            {
                finals.Add(RequestId(message)!, message);
            }
            if (Type(message) == "ocr_start" && RequestId(message) == requestId)
            {
                return finals;
            }
        }
    }
}
