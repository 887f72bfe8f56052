using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using MaoOcr.Appliance.Sessions;
using MaoOcr.WebSockets;

namespace MaoOcr.Appliance.Tests.Sessions;

/// <summary>The session's one outbound writer, over an in-memory connection with our client role at the other end.</summary>
public sealed class SessionWriterTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Messages_go_out_in_the_order_they_were_queued_and_completing_sends_what_is_queued()
    {
        (WebSocketConnection server, WebSocketConnection client) = Connect();
        await using (server)
        await using (client)
        {
            var writer = new SessionWriter(server, TimeProvider.System, CancellationToken.None);
            writer.Enqueue(OutboundMessage.Start("r-1", 2));
            writer.Enqueue(OutboundMessage.Progress("r-1", Inference.Pipeline.PipelineStage.Detection, 40));
            writer.Enqueue(OutboundMessage.Error("r-1", ErrorCode.Timeout, "Too slow."));
            writer.Enqueue(OutboundMessage.Pong("p-1"));
            await writer.CompleteAsync().WaitAsync(s_timeout);

            string[] types = [await TypeOfNextAsync(client), await TypeOfNextAsync(client), await TypeOfNextAsync(client), await TypeOfNextAsync(client)];
            Assert.Equal(["ocr_start", "ocr_progress", "ocr_error", "pong"], types);
        }
    }

    private static (WebSocketConnection Server, WebSocketConnection Client) Connect()
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        var limits = new WebSocketLimits();
        return (
            WebSocketConnection.CreateServer(new DuplexPipe(toServer.Reader, toClient.Writer), limits, null, null),
            WebSocketConnection.CreateClient(new DuplexPipe(toClient.Reader, toServer.Writer), limits, null));
    }

    private static async Task<string> TypeOfNextAsync(WebSocketConnection client)
    {
        using JsonDocument message = await NextAsync(client);
        return message.RootElement.GetProperty("type").GetString() ?? "";
    }

    private static async Task<JsonDocument> NextAsync(WebSocketConnection client)
    {
        WebSocketMessage message = await client.ReceiveAsync(CancellationToken.None).AsTask().WaitAsync(s_timeout) ?? throw new InvalidOperationException("The connection closed.");
        return JsonDocument.Parse(Encoding.UTF8.GetString(message.Payload.Span));
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
