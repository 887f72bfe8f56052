using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using MaoOcr.EdgeServer.Tests.Aot;
using static MaoOcr.Appliance.Testing.OcrSocket;

namespace MaoOcr.EdgeServer.Tests.Deploy;

/// <summary>
/// The drain a balancer relies on, driven by real signals to the published binary: SIGTERM turns /readyz 503 at once
/// while the open session and new connections are still served; after Server:DrainSeconds the session is closed with
/// 1001 and the process exits 0. A second SIGTERM during the drain stops at once.
/// </summary>
public sealed class DrainOnSignalTests : IClassFixture<PublishedBinaryTests.Binary>
{
    /// <summary>A guard only: the unit's TimeoutStopSec (deploy/systemd/maoocr.service).</summary>
    private static readonly TimeSpan s_unitStopTimeout = TimeSpan.FromSeconds(50);
    private readonly PublishedBinaryTests.Binary _binary;

    public DrainOnSignalTests(PublishedBinaryTests.Binary binary) => _binary = binary;

    [Fact]
    public async Task On_SIGTERM_readyz_turns_503_sessions_and_new_connections_are_served_then_closed_with_1001()
    {
        // Long enough for the steps below on a loaded 2-core box; ended early by nothing, so the 1001 proves the timer.
        await using ServedBinary served = await ServedBinary.StartAsync(_binary.Path, new Dictionary<string, string> { ["MAOOCR__Server__DrainSeconds"] = "15" });
        Uri socketUri = new($"ws://127.0.0.1:{served.Port}/ws/ocr");
        using var open = new ClientWebSocket();
        await open.ConnectAsync(socketUri, CancellationToken.None).WaitAsync(StepTimeout);

        await SignalAsync(served.Process, "-TERM");
        string ready = await WaitForReadyzAsync(served, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("not ready: draining\n", ready);

        await AssertAnsweredAsync(open, "open-during-drain", "Still served 5521");
        using var late = new ClientWebSocket();
        await late.ConnectAsync(socketUri, CancellationToken.None).WaitAsync(StepTimeout);
        await AssertAnsweredAsync(late, "new-during-drain", "Accepted late 5522");
        Assert.False(served.Process.HasExited);

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await CloseStatusAsync(open));
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await CloseStatusAsync(late));
        await served.Process.WaitForExitAsync().WaitAsync(s_unitStopTimeout);
        string output = await served.Output;
        Assert.True(served.Process.ExitCode == 0, $"exit code {served.Process.ExitCode}\n{output}\n{await served.Error}");
        Assert.Contains("SIGTERM: draining for 15 s", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_SIGTERM_during_the_drain_stops_at_once()
    {
        // A drain far longer than the guard below: only the second signal can end it in time.
        await using ServedBinary served = await ServedBinary.StartAsync(_binary.Path, new Dictionary<string, string> { ["MAOOCR__Server__DrainSeconds"] = "600" });
        using var open = new ClientWebSocket();
        await open.ConnectAsync(new Uri($"ws://127.0.0.1:{served.Port}/ws/ocr"), CancellationToken.None).WaitAsync(StepTimeout);

        await SignalAsync(served.Process, "-TERM");
        await WaitForReadyzAsync(served, HttpStatusCode.ServiceUnavailable);
        await SignalAsync(served.Process, "-TERM");

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await CloseStatusAsync(open));
        await served.Process.WaitForExitAsync().WaitAsync(s_unitStopTimeout);
        string output = await served.Output;
        Assert.True(served.Process.ExitCode == 0, $"exit code {served.Process.ExitCode}\n{output}\n{await served.Error}");
        Assert.Contains("SIGTERM during the drain: stopping now", output, StringComparison.Ordinal);
    }

    private static async Task SignalAsync(Process process, string signal)
    {
        (int code, _, string error) = await DeployTool.RunAsync("kill", [signal, process.Id.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        Assert.True(code == 0, error);
    }

    /// <summary>Polls /readyz until it answers <paramref name="status"/> (the signal is handled on another thread); returns the body.</summary>
    private static async Task<string> WaitForReadyzAsync(ServedBinary served, HttpStatusCode status)
    {
        using var guard = new CancellationTokenSource(StepTimeout);
        while (true)
        {
            using HttpResponseMessage response = await served.Http.GetAsync(new Uri("/readyz", UriKind.Relative), guard.Token);
            if (response.StatusCode == status)
            {
                return await response.Content.ReadAsStringAsync(guard.Token);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), guard.Token);
        }
    }

    private static async Task AssertAnsweredAsync(ClientWebSocket socket, string id, string line)
    {
        RenderedImage image = TextImageRenderer.RenderLines([line]);
        await SendBinaryAsync(socket, BinaryRequest(id, image.Bytes));
        JsonElement final = (await ReceiveUntilFinalAsync(socket, id))[^1];
        Assert.Equal("ocr_complete", Type(final));
        Assert.True(TextMetrics.CharacterErrorRate(image.Text, Data(final).GetProperty("text").GetString()!) <= 0.1);
    }
}
