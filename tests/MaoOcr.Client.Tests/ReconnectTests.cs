using Microsoft.Extensions.Time.Testing;

namespace MaoOcr.Client.Tests;

/// <summary>
/// Losing the appliance and getting it back: the real server stopped and started again on the same port, the backoff
/// run on a fake clock (the schedule itself is tested as numbers in <see cref="ReconnectBackoffTests"/>).
/// </summary>
[Collection(ApplianceGroup.Name)]
public sealed class ReconnectTests
{
    private const string Token = "sdk-secret";

    [Fact]
    public async Task Appliance_restart_on_the_same_port_reconnects_and_sends_the_waiting_request_then_gives_up_after_five_attempts()
    {
        RunningAppliance first = await RunningAppliance.StartAsync(("Server:ApiToken", Token));
        int port = first.Address.Port;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var client = new MaoOcrClient(new MaoOcrClientOptions { Server = Sdk.ServerUri(first), ApiToken = Token, TimeProvider = time });
        var statuses = new StatusRecorder(client);

        // A wrong token is refused with a message that says so.
        await using (var wrong = new MaoOcrClient(new MaoOcrClientOptions { Server = Sdk.ServerUri(first), ApiToken = "not-it" }))
        {
            MaoOcrConnectionException refused = await Assert.ThrowsAsync<MaoOcrConnectionException>(() => wrong.ConnectAsync().WaitAsync(Sdk.Patience));
            Assert.Contains("401", refused.Message, StringComparison.Ordinal);
            Assert.Contains("token", refused.Message, StringComparison.Ordinal);
        }

        await client.ConnectAsync().WaitAsync(Sdk.Patience);
        Assert.Equal(ConnectionStatus.Connected, client.Status);

        // The appliance goes away (it closes with 1001): the client starts reconnecting, and a request made now waits.
        await first.DisposeAsync();
        ConnectionStatusChange drop = await statuses.WaitForAsync(ConnectionStatus.Reconnecting);
        Assert.NotNull(drop.Error);
        RenderedImage image = TextImageRenderer.RenderLines(["After restart 2718"]);
        Task<OcrResult> waiting = client.RecognizeAsync(image.Bytes);
        Assert.False(waiting.IsCompleted);

        // Back on the same port, warm; then the first backoff (at most 1.2 s) elapses.
        await using (RunningAppliance second = await RunningAppliance.StartAsync(("Server:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Server:ApiToken", Token)))
        {
            await Sdk.AdvanceUntilAsync(time, () => client.Status == ConnectionStatus.Connected, TimeSpan.FromMilliseconds(200));
            OcrResult result = await waiting.WaitAsync(Sdk.Patience);
            Assert.True(TextMetrics.CharacterErrorRate(image.Text, result.Text) <= 0.05, result.Text);
            Assert.Equal([ConnectionStatus.Connecting, ConnectionStatus.Connected, ConnectionStatus.Reconnecting, ConnectionStatus.Connected], statuses.Statuses);
        }

        // Gone for good: five attempts on the backoff schedule, then Error, and the waiting request fails clearly.
        await statuses.WaitForAsync(ConnectionStatus.Reconnecting, after: 4);
        Task<OcrResult> doomed = client.RecognizeAsync(image.Bytes);
        await Sdk.AdvanceUntilAsync(time, () => client.Status == ConnectionStatus.Error, TimeSpan.FromSeconds(1));
        MaoOcrConnectionException lost = await Assert.ThrowsAsync<MaoOcrConnectionException>(() => doomed.WaitAsync(Sdk.Patience));
        Assert.Contains("5 reconnect attempts failed", lost.Message, StringComparison.Ordinal);
        Assert.Equal([ConnectionStatus.Connecting, ConnectionStatus.Connected, ConnectionStatus.Reconnecting, ConnectionStatus.Connected, ConnectionStatus.Reconnecting, ConnectionStatus.Error], statuses.Statuses);
        await Assert.ThrowsAsync<MaoOcrConnectionException>(() => client.RecognizeAsync(image.Bytes));
    }

    [Fact]
    public async Task A_missed_pong_takes_the_connection_for_dead_and_reconnects()
    {
        await using SilentServer server = await SilentServer.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var client = new MaoOcrClient(new MaoOcrClientOptions { Server = server.Address, TimeProvider = time });
        var statuses = new StatusRecorder(client);
        await client.ConnectAsync().WaitAsync(Sdk.Patience);

        // 30 s: a ping goes out; no pong by the next heartbeat: the connection is dead.
        await Sdk.AdvanceUntilAsync(time, () => server.Pings >= 1, TimeSpan.FromSeconds(1));
        Assert.Equal(ConnectionStatus.Connected, client.Status);
        await Sdk.AdvanceUntilAsync(time, () => client.Status != ConnectionStatus.Connected, TimeSpan.FromSeconds(1));
        ConnectionStatusChange dead = await statuses.WaitForAsync(ConnectionStatus.Reconnecting);
        Assert.Contains("No pong", dead.Error!.Message, StringComparison.Ordinal);

        await Sdk.AdvanceUntilAsync(time, () => client.Status == ConnectionStatus.Connected && server.Connections == 2, TimeSpan.FromMilliseconds(200));
        Assert.Equal([ConnectionStatus.Connecting, ConnectionStatus.Connected, ConnectionStatus.Reconnecting, ConnectionStatus.Connected], statuses.Statuses);
    }

    [Fact]
    public async Task Disconnect_fails_waiting_requests_and_never_reconnects()
    {
        await using SilentServer server = await SilentServer.StartAsync();
        await using var client = new MaoOcrClient(new MaoOcrClientOptions { Server = server.Address });
        var statuses = new StatusRecorder(client);
        await client.ConnectAsync().WaitAsync(Sdk.Patience);
        var failed = new List<OcrFailed>();
        client.Failed += (_, e) => failed.Add(e);

        // The silent server never answers, so the request is still waiting when the app disconnects.
        Task<OcrResult> waiting = client.RecognizeAsync(new byte[] { 0x89, 0x50, 0x4E, 0x47 });
        await client.DisconnectAsync().WaitAsync(Sdk.Patience);

        MaoOcrConnectionException e = await Assert.ThrowsAsync<MaoOcrConnectionException>(() => waiting.WaitAsync(Sdk.Patience));
        Assert.Contains("disconnected", e.Message, StringComparison.Ordinal);
        Assert.Single(failed);
        Assert.Equal(ConnectionStatus.Disconnected, client.Status);
        Assert.Equal([ConnectionStatus.Connecting, ConnectionStatus.Connected, ConnectionStatus.Disconnected], statuses.Statuses);
        Assert.Equal(1, server.Connections);
    }
}
