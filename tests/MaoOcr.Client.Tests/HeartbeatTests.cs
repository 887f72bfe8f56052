using System.Diagnostics;

namespace MaoOcr.Client.Tests;

/// <summary>
/// The heartbeat while a long upload holds the send path, on the real clock against a server that reads slowly: a
/// link that dies mid-upload is noticed within the heartbeat's bound (the request then goes out again on a new
/// connection), and a slow upload that keeps moving past that bound is not taken for dead.
/// </summary>
public sealed class HeartbeatTests
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(0.5);
    private static readonly TimeSpan s_pongTimeout = TimeSpan.FromSeconds(2.5);

    /// <summary>The documented bound: a ping falls due within one interval, and the link then gets one pong timeout.</summary>
    private static readonly TimeSpan s_bound = s_interval + s_pongTimeout;

    /// <summary>
    /// 64 MiB: several times what the kernel buffers of a loopback connection hold (about 10 MB seen), so the upload
    /// cannot end on its own once the server stops reading, and a slow phase of a few seconds reads only part of it.
    /// </summary>
    private static readonly byte[] s_largeImage = LargeImage(64 * 1024 * 1024);

    [Fact]
    public async Task A_link_that_dies_during_a_long_upload_is_noticed_within_the_heartbeat_bound_and_the_request_is_answered_after_the_reconnect()
    {
        await using ThrottledServer server = await ThrottledServer.StartAsync(slowFor: TimeSpan.FromSeconds(1), thenStall: true);
        await using MaoOcrClient client = await ConnectAsync(server);
        var statuses = new StatusRecorder(client);

        Task<OcrResult> upload = client.RecognizeAsync(s_largeImage);
        await server.Stalled.WaitAsync(Sdk.Patience);

        // Generous slack for a loaded machine; without a heartbeat that works during an upload, nothing is ever noticed.
        Task<ConnectionStatusChange> dead = statuses.WaitForAsync(ConnectionStatus.Reconnecting);
        Assert.True(await Task.WhenAny(dead, Task.Delay(5 * s_bound)) == dead,
            $"The dead link was not noticed within 5 x {s_bound.TotalSeconds} s (interval + pong timeout) of the server's last read ({server.BytesBeforeStall} bytes read).");
        Assert.Contains("No pong", (await dead).Error!.Message, StringComparison.Ordinal);
        Assert.False(upload.IsCompleted);

        // The request goes out again on the new connection and is answered there.
        OcrResult result = await upload.WaitAsync(Sdk.Patience);
        Assert.Equal("answered on connection 2", result.Text);
        Assert.Equal(2, server.Connections);
        Assert.True(server.BytesBeforeStall < s_largeImage.Length);
        Assert.Equal([ConnectionStatus.Reconnecting, ConnectionStatus.Connected], statuses.Statuses);
    }

    [Fact]
    public async Task A_slow_upload_that_keeps_moving_is_not_taken_for_dead_though_it_outlasts_the_heartbeat_bound()
    {
        // Slow for twice the bound, then at full speed: the upload holds the send path all that time.
        await using ThrottledServer server = await ThrottledServer.StartAsync(slowFor: 2 * s_bound, thenStall: false);
        await using MaoOcrClient client = await ConnectAsync(server);
        var statuses = new StatusRecorder(client);
        var sent = Stopwatch.StartNew();

        OcrResult result = await client.RecognizeAsync(s_largeImage).WaitAsync(Sdk.Patience);

        Assert.Equal("answered on connection 1", result.Text);
        Assert.Equal(1, server.Connections);
        Assert.Empty(statuses.Statuses);
        Assert.Equal(ConnectionStatus.Connected, client.Status);
        // The premise, not a timing check on the client: the upload held the send path longer than the bound (the slow
        // phase alone reads far less than the image), so without its progress the heartbeat would have dropped it.
        Assert.True(sent.Elapsed > s_bound, $"{sent.Elapsed}");
    }

    private static async Task<MaoOcrClient> ConnectAsync(ThrottledServer server)
    {
        var client = new MaoOcrClient(new MaoOcrClientOptions
        {
            Server = server.Address,
            HeartbeatInterval = s_interval,
            PongTimeout = s_pongTimeout,
            ReconnectBaseDelay = TimeSpan.FromMilliseconds(100),
            MaxMessageBytes = 2 * s_largeImage.Length,
        });
        await client.ConnectAsync().WaitAsync(Sdk.Patience);
        return client;
    }

    /// <summary>Random bytes (the server does not look at them): nothing compresses or shortcuts them on the way.</summary>
    private static byte[] LargeImage(int bytes)
    {
        byte[] image = new byte[bytes];
        new Random(20261206).NextBytes(image);
        return image;
    }
}
