using System.Net.WebSockets;
using System.Text.Json;
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
            var finals = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            while (true)
            {
                JsonElement message = await ReceiveAsync(socket);
                if (IsFinal(message))
                {
                    finals.Add(RequestId(message)!, message);
                }
                if (Type(message) == "ocr_start" && RequestId(message) == "second")
                {
                    break;
                }
            }
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
}
