using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using MaoOcr.Appliance.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static MaoOcr.Appliance.Testing.OcrSocket;

namespace MaoOcr.Appliance.Tests.Hosting;

/// <summary>
/// The drain a balancer relies on: once a stop is asked for (SIGTERM, here the same call its handler makes),
/// <c>/readyz</c> is 503 while sessions, requests and new connections are still served; the shutdown proper (1001)
/// comes after. The signal itself is driven in the EdgeServer tests against the real process.
/// </summary>
public sealed class DrainTests
{
    [Fact]
    public async Task During_the_drain_readyz_is_503_and_open_and_new_sessions_are_served_until_the_stop()
    {
        // Long enough that the drain cannot end on its own during the test; a second stop request cuts it short.
        await using RunningAppliance appliance = await RunningAppliance.StartAsync(("Server:DrainSeconds", "600"));
        IHostApplicationLifetime lifetime = appliance.Services.GetRequiredService<IHostApplicationLifetime>();
        ShutdownDrain drain = appliance.Services.GetRequiredService<ShutdownDrain>();
        using ClientWebSocket open = await ConnectAsync(appliance);
        await PingAsync(open, "before");

        drain.RequestStop("SIGTERM");

        using (HttpResponseMessage ready = await appliance.Client.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("not ready: draining\n", await ready.Content.ReadAsStringAsync());
        }
        Assert.Equal("ok\n", await appliance.Client.GetStringAsync("/healthz"));
        await AssertAnsweredAsync(open, "open-during-drain", "Drained but served 7301");
        using ClientWebSocket late = await ConnectAsync(appliance);
        await AssertAnsweredAsync(late, "new-during-drain", "A late arrival 7302");
        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested);

        // A second SIGTERM or Ctrl+C means now: the graceful shutdown closes both sessions with 1001.
        drain.RequestStop("SIGINT");
        Assert.True(lifetime.ApplicationStopping.IsCancellationRequested);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await CloseStatusAsync(open));
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await CloseStatusAsync(late));
    }

    [Fact]
    public async Task After_the_drain_the_shutdown_runs_by_itself()
    {
        await using RunningAppliance appliance = await RunningAppliance.StartAsync(("Server:DrainSeconds", "1"));
        IHostApplicationLifetime lifetime = appliance.Services.GetRequiredService<IHostApplicationLifetime>();
        using ClientWebSocket open = await ConnectAsync(appliance);
        var stopping = new TaskCompletionSource();
        lifetime.ApplicationStopping.Register(stopping.SetResult);

        appliance.Services.GetRequiredService<ShutdownDrain>().RequestStop("SIGTERM");

        await stopping.Task.WaitAsync(StepTimeout);
        Assert.True(appliance.Services.GetRequiredService<ShutdownDrain>().IsDraining);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await CloseStatusAsync(open));
    }

    [Fact]
    public async Task With_no_drain_the_stop_begins_at_once_and_readyz_is_unchanged_until_then()
    {
        await using RunningAppliance appliance = await RunningAppliance.StartAsync(("Server:DrainSeconds", "0"));
        IHostApplicationLifetime lifetime = appliance.Services.GetRequiredService<IHostApplicationLifetime>();
        ShutdownDrain drain = appliance.Services.GetRequiredService<ShutdownDrain>();
        using ClientWebSocket open = await ConnectAsync(appliance);

        drain.RequestStop("SIGTERM");

        Assert.True(lifetime.ApplicationStopping.IsCancellationRequested);
        Assert.False(drain.IsDraining);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await CloseStatusAsync(open));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("601")]
    public async Task A_drain_out_of_range_stops_the_start_with_its_name(string seconds)
    {
        ArgumentException bad = await Assert.ThrowsAsync<ArgumentException>(() => RunningAppliance.StartAsync(("Server:DrainSeconds", seconds)));
        Assert.Contains($"Server:DrainSeconds {seconds}", bad.Message, StringComparison.Ordinal);
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
