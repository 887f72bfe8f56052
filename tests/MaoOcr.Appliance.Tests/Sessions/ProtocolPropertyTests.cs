using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using static MaoOcr.Appliance.Testing.OcrSocket;

namespace MaoOcr.Appliance.Tests.Sessions;

/// <summary>
/// The protocol's promise as a property: over many connections at once, random sequences of good requests (text and
/// binary forms), bad ones, pings and clients that vanish mid-conversation. Every request on a connection that stays gets
/// exactly one final answer (and every ping one pong, every unreadable message one error), none arrives for an id that
/// was not sent, and the connections that vanish change nothing for the others. Seeds are fixed, so a failure repeats.
/// </summary>
public sealed class ProtocolPropertyTests : IClassFixture<ProtocolPropertyTests.Appliance>
{
    private const int Connections = 8;
    private const int ActionsPerConnection = 12;
    private static readonly TimeSpan s_patience = TimeSpan.FromMinutes(4);

    private readonly RunningAppliance _appliance;

    public ProtocolPropertyTests(Appliance fixture) => _appliance = fixture.Running;

    [Fact]
    public async Task Every_request_gets_exactly_one_final_answer_whatever_the_other_connections_do()
    {
        byte[][] pages = [.. Enumerable.Range(0, 3).Select(i => TextImageRenderer.RenderLines([$"Property page {i} {i * 37}"]).Bytes)];
        await Task.WhenAll(Enumerable.Range(1, Connections).Select(seed => ConverseAsync(seed, pages, vanishes: seed % 4 == 0)));

        // And the appliance still serves a newcomer.
        using ClientWebSocket next = await ConnectAsync(_appliance);
        await SendBinaryAsync(next, BinaryRequest("after", pages[0]));
        Assert.Equal("ocr_complete", Type((await ReceiveUntilFinalAsync(next, "after"))[^1]));
    }

    private async Task ConverseAsync(int seed, byte[][] pages, bool vanishes)
    {
        var random = new Random(seed);
        using ClientWebSocket socket = await ConnectAsync(_appliance);
        var finals = new HashSet<string>(StringComparer.Ordinal);
        var pings = new HashSet<string>(StringComparer.Ordinal);
        int anonymous = 0;
        var sent = new List<string>();
        for (int i = 0; i < ActionsPerConnection; i++)
        {
            string id = $"s{seed}-{i}";
            if (vanishes && i == ActionsPerConnection / 2)
            {
                // Gone without a close frame, with requests in flight: the others must not notice.
                socket.Abort();
                return;
            }
            switch (random.Next(8))
            {
                case 0:
                case 1:
                    await SendTextAsync(socket, Request(id, pages[random.Next(pages.Length)]));
                    finals.Add(id);
                    break;
                case 2:
                case 3:
                    await SendBinaryAsync(socket, BinaryRequest(id, pages[random.Next(pages.Length)], "en"));
                    finals.Add(id);
                    break;
                case 4:
                    await SendTextAsync(socket, "{\"type\":\"ping\",\"id\":\"" + id + "\",\"data\":{}}");
                    pings.Add(id);
                    break;
                case 5:
                    await SendTextAsync(socket, BadWithId(id, random.Next(4)));
                    finals.Add(id);
                    break;
                case 6:
                    // Bytes that are no image at all, in the binary form.
                    await SendBinaryAsync(socket, BinaryRequest(id, Encoding.ASCII.GetBytes("not an image " + id)));
                    finals.Add(id);
                    break;
                default:
                    await SendTextAsync(socket, random.Next(2) == 0 ? "{\"type\":\"ping\"" : "no json here " + id);
                    anonymous++;
                    break;
            }
            sent.Add(id);
        }

        var finalCount = new Dictionary<string, int>(StringComparer.Ordinal);
        var pongs = new HashSet<string>(StringComparer.Ordinal);
        int anonymousErrors = 0;
        using var deadline = new CancellationTokenSource(s_patience);
        while (finalCount.Count < finals.Count || pongs.Count < pings.Count || anonymousErrors < anonymous)
        {
            Assert.False(deadline.IsCancellationRequested, $"seed {seed}: still waiting for {string.Join(", ", finals.Except(finalCount.Keys))}");
            Count(await ReceiveAsync(socket), seed, finals, pongs, finalCount, ref anonymousErrors);
        }
        // A fence: the session writes in order, so anything sent twice before it would show up before its pong.
        await SendTextAsync(socket, "{\"type\":\"ping\",\"id\":\"fence\",\"data\":{}}");
        while (true)
        {
            JsonElement message = await ReceiveAsync(socket);
            if (Type(message) == "pong" && message.GetProperty("id").GetString() == "fence")
            {
                break;
            }
            Count(message, seed, finals, pongs, finalCount, ref anonymousErrors);
        }

        Assert.All(finalCount, pair => Assert.True(pair.Value == 1, $"seed {seed}: {pair.Key} got {pair.Value} final answers"));
        Assert.Equal(finals.Order(), finalCount.Keys.Order());
        Assert.Equal(pings.Order(), pongs.Order());
        Assert.Equal(anonymous, anonymousErrors);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).WaitAsync(StepTimeout);
    }

    private static void Count(JsonElement message, int seed, HashSet<string> finals, HashSet<string> pongs, Dictionary<string, int> finalCount, ref int anonymousErrors)
    {
        string type = Type(message);
        if (type == "pong")
        {
            Assert.True(pongs.Add(message.GetProperty("id").GetString()!), $"seed {seed}: a second pong for {message}");
            return;
        }
        if (!IsFinal(message))
        {
            return;
        }
        string? id = RequestId(message);
        if (id is null)
        {
            Assert.Equal("ocr_error", type);
            anonymousErrors++;
            return;
        }
        Assert.True(finals.Contains(id), $"seed {seed}: a final answer for '{id}', which was not a request: {message}");
        finalCount[id] = finalCount.GetValueOrDefault(id) + 1;
    }

    /// <summary>A message whose id can be read but which is wrong otherwise: the error must carry that id.</summary>
    private static string BadWithId(string id, int kind) => kind switch
    {
        0 => "{\"type\":\"ocr_request\",\"id\":\"" + id + "\",\"data\":{}}",
        1 => "{\"type\":\"ocr_request\",\"id\":\"" + id + "\",\"data\":{\"image\":\"!!not base64!!\"}}",
        2 => "{\"type\":\"ocr_request\",\"id\":\"" + id + "\",\"data\":{\"image\":\"aGVsbG8=\",\"requirements\":{\"language\":7}}}",
        _ => "{\"type\":\"ocr_request\",\"id\":\"" + id + "\",\"timestamp\":{\"nested\":[1,2]},\"data\":{\"image\":\"\\udc00\"}}",
    };

    /// <summary>One worker, so requests really wait behind each other while connections vanish.</summary>
    public sealed class Appliance : IAsyncLifetime
    {
        public RunningAppliance Running { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Running = await RunningAppliance.StartAsync(("Queue:Workers", "1"), ("Queue:MaxQueued", "128"), ("Queue:MaxQueuedPerConnection", ActionsPerConnection.ToString(CultureInfo.InvariantCulture)));

        public async Task DisposeAsync() => await Running.DisposeAsync();
    }
}
