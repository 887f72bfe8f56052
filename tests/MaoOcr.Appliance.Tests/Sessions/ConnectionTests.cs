using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using static MaoOcr.Appliance.Testing.OcrSocket;

namespace MaoOcr.Appliance.Tests.Sessions;

/// <summary>
/// Many connections and connections that go away, against one appliance with one worker (so what runs when is
/// known) and a queue deep enough for a hundred clients.
/// </summary>
public sealed partial class ConnectionTests : IClassFixture<ConnectionTests.OneWorkerFixture>
{
    private readonly RunningAppliance _appliance;

    public ConnectionTests(OneWorkerFixture fixture) => _appliance = fixture.Appliance;

    [Fact]
    public async Task A_hundred_connections_each_get_exactly_their_own_answers_then_the_cached_one()
    {
        const int Clients = 100;
        double hitsBefore = await MetricAsync("maoocr_cache_hits_total");
        RenderedImage[] images = [.. Enumerable.Range(0, Clients).Select(i => TextImageRenderer.RenderLines([$"Client {i:D3}"]))];
        ClientWebSocket[] sockets = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => ConnectAsync(_appliance)));
        try
        {
            string[] answers = await Task.WhenAll(Enumerable.Range(0, Clients).Select(i => ConverseAsync(sockets[i], i, images[i])));
            for (int i = 0; i < Clients; i++)
            {
                Assert.True(TextMetrics.CharacterErrorRate(images[i].Text, answers[i]) <= 0.1, $"client {i} got '{answers[i]}'");
            }
        }
        finally
        {
            foreach (ClientWebSocket socket in sockets)
            {
                socket.Dispose();
            }
        }

        string metrics = await _appliance.Client.GetStringAsync("/metrics");
        Assert.True(await MetricAsync("maoocr_cache_hits_total") - hitsBefore >= Clients, metrics);
        Assert.True(Value(metrics, "maoocr_connections_total") >= Clients, metrics);
        Assert.True(Value(metrics, "maoocr_requests_total{transport=\"websocket\"}") >= 2 * Clients, metrics);
        Assert.True(Value(metrics, "maoocr_request_duration_seconds_count{transport=\"websocket\"}") >= 2 * Clients, metrics);
        Assert.True(Value(metrics, "maoocr_stage_duration_seconds_count{stage=\"queue\"}") >= Clients, metrics);
        Assert.True(Value(metrics, "maoocr_stage_duration_seconds_count{stage=\"recognition\"}") >= Clients, metrics);
        Assert.Contains("# TYPE maoocr_request_duration_seconds histogram", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE maoocr_connections gauge", metrics, StringComparison.Ordinal);
        Assert.Contains("maoocr_queue_depth ", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_request_has_its_queued_work_abandoned_unrun()
    {
        const int Sent = 5;
        double queuedBefore = await MetricAsync("maoocr_requests_cancelled_total{when=\"queued\"}");
        double runningBefore = await MetricAsync("maoocr_requests_cancelled_total{when=\"running\"}");
        using (ClientWebSocket socket = await ConnectAsync(_appliance))
        {
            for (int i = 0; i < Sent; i++)
            {
                byte[] page = TextImageRenderer.RenderLines([$"Abandoned page {i} 7{i}30", "with a second line", "and a third one here"]).Bytes;
                await SendBinaryAsync(socket, BinaryRequest($"gone-{i}", page));
            }
            // The first is running (its progress arrived); with one worker the others wait behind it.
            while (Type(await ReceiveAsync(socket)) != "ocr_progress")
            {
            }
            socket.Abort();
        }

        // With one worker at most the first two can have started; every later one must be dropped when its turn comes.
        double abandoned = 0, stopped = 0;
        for (int poll = 0; poll < 600 && abandoned < Sent - 2; poll++)
        {
            await Task.Delay(50);
            abandoned = await MetricAsync("maoocr_requests_cancelled_total{when=\"queued\"}") - queuedBefore;
            stopped = await MetricAsync("maoocr_requests_cancelled_total{when=\"running\"}") - runningBefore;
        }
        Assert.True(abandoned >= Sent - 2, $"abandoned unrun: {abandoned}, stopped while running: {stopped}");
        Assert.True(abandoned + stopped <= Sent);

        // The appliance keeps serving the next client.
        using ClientWebSocket next = await ConnectAsync(_appliance);
        RenderedImage image = TextImageRenderer.RenderLines(["Next client 5150"]);
        await SendTextAsync(next, Request("next", image.Bytes));
        Assert.Equal("ocr_complete", Type((await ReceiveUntilFinalAsync(next, "next"))[^1]));
    }

    /// <summary>One client's conversation: its image, then the same image again from the cache; every answer must be its own.</summary>
    private static async Task<string> ConverseAsync(ClientWebSocket socket, int client, RenderedImage image)
    {
        string first = $"c{client}-first", second = $"c{client}-again";
        await SendBinaryAsync(socket, BinaryRequest(first, image.Bytes, "en"));
        JsonElement complete = await FinalAsync(socket, client, first);
        Assert.False(Data(complete).GetProperty("cached").GetBoolean());
        string text = Data(complete).GetProperty("text").GetString()!;

        await SendBinaryAsync(socket, BinaryRequest(second, image.Bytes, "en"));
        JsonElement cached = await FinalAsync(socket, client, second);
        Assert.True(Data(cached).GetProperty("cached").GetBoolean());
        Assert.Equal(text, Data(cached).GetProperty("text").GetString());
        return text;
    }

    private static async Task<JsonElement> FinalAsync(ClientWebSocket socket, int client, string requestId)
    {
        foreach (JsonElement message in await ReceiveUntilFinalAsync(socket, requestId))
        {
            Assert.StartsWith($"c{client}-", RequestId(message), StringComparison.Ordinal);
            if (IsFinal(message))
            {
                Assert.Equal("ocr_complete", Type(message));
                return message;
            }
        }
        throw new InvalidOperationException("unreachable: ReceiveUntilFinalAsync ends with the final message");
    }

    private async Task<double> MetricAsync(string series) => Value(await _appliance.Client.GetStringAsync("/metrics"), series);

    /// <summary>A series' value in Prometheus text; 0 when the series has not appeared yet.</summary>
    private static double Value(string metrics, string series)
    {
        Match match = Regex.Match(metrics, "^" + Regex.Escape(series) + " (\\S+)$", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>One worker, and a queue that holds a request from each of a hundred clients.</summary>
    public sealed class OneWorkerFixture : IAsyncLifetime
    {
        public RunningAppliance Appliance { get; private set; } = null!;

        public async Task InitializeAsync() => Appliance = await RunningAppliance.StartAsync(("Queue:Workers", "1"), ("Queue:MaxQueued", "128"));

        public async Task DisposeAsync() => await Appliance.DisposeAsync();
    }
}
