using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using MaoOcr.EdgeServer.Tests.Aot;
using static MaoOcr.Appliance.Testing.OcrSocket;

namespace MaoOcr.EdgeServer.Tests.Deploy;

/// <summary>
/// What systemd's stop does to the published binary: SIGTERM. The request in flight still gets its answer, the WebSocket
/// is then closed with 1001 (going away), and the process exits 0, inside the unit's TimeoutStopSec (50 s). With
/// Server:DrainSeconds=0, as before the drain existed (DrainOnSignalTests drives the drain).
/// </summary>
public sealed class GracefulStopTests : IClassFixture<PublishedBinaryTests.Binary>
{
    private static readonly TimeSpan s_unitStopTimeout = TimeSpan.FromSeconds(50);
    private readonly PublishedBinaryTests.Binary _binary;

    public GracefulStopTests(PublishedBinaryTests.Binary binary) => _binary = binary;

    [Fact]
    public async Task On_SIGTERM_the_request_in_flight_is_answered_the_socket_closes_with_1001_and_the_process_exits_0()
    {
        await using ServedBinary served = await ServedBinary.StartAsync(_binary.Path, new Dictionary<string, string> { ["MAOOCR__Queue__Workers"] = "1", ["MAOOCR__Server__DrainSeconds"] = "0" });
        Process process = served.Process;
        int port = served.Port;
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/ws/ocr"), CancellationToken.None);
        RenderedImage image = TextImageRenderer.RenderLines(["Finished before the stop", "second line 1001", "third line of text"]);
        await SendBinaryAsync(socket, BinaryRequest("in-flight", image.Bytes));
        Assert.Equal("ocr_start", Type(await ReceiveAsync(socket)));

        (int killed, _, string killError) = await DeployTool.RunAsync("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        Assert.True(killed == 0, killError);
        Stopwatch stopping = Stopwatch.StartNew();

        JsonElement final = (await ReceiveUntilFinalAsync(socket, "in-flight"))[^1];
        Assert.Equal("ocr_complete", Type(final));
        Assert.True(TextMetrics.CharacterErrorRate(image.Text, Data(final).GetProperty("text").GetString()!) <= 0.1);

        WebSocketReceiveResult close = await socket.ReceiveAsync(new byte[1024], new CancellationTokenSource(StepTimeout).Token);
        Assert.Equal(WebSocketMessageType.Close, close.MessageType);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, socket.CloseStatus);

        await process.WaitForExitAsync().WaitAsync(s_unitStopTimeout);
        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}\n{await served.Output}\n{await served.Error}");
        Assert.True(stopping.Elapsed < s_unitStopTimeout);
    }
}
