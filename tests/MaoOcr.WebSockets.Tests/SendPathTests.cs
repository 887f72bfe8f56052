using System.IO.Pipelines;

namespace MaoOcr.WebSockets.Tests;

/// <summary>
/// How frames are laid into the transport's pipe, which decides what the socket allocates: medium frames go into the
/// pipe's own blocks (no span larger than a block is asked for, so nothing is rented from ArrayPool), large frames into
/// one span (one segment, one send). Each case runs in both roles: a client masks its frames on the way into the same
/// blocks or span, so masking costs the send path no rent and no extra copy. Each case also reads the frames back and
/// checks every byte, and that the caller's buffer was not touched.
/// </summary>
public sealed class SendPathTests
{
    private const int BlockBytes = 4096;

    [Theory]
    [InlineData(0, WebSocketRole.Server)]
    [InlineData(125, WebSocketRole.Server)]
    [InlineData(4096, WebSocketRole.Server)]
    [InlineData(20_000, WebSocketRole.Server)]
    [InlineData(WebSocketConnection.BlockWrittenFrameBytes - 4, WebSocketRole.Server)]
    [InlineData(0, WebSocketRole.Client)]
    [InlineData(125, WebSocketRole.Client)]
    [InlineData(4096, WebSocketRole.Client)]
    [InlineData(20_000, WebSocketRole.Client)]
    [InlineData(WebSocketConnection.BlockWrittenFrameBytes - 8, WebSocketRole.Client)]
    public async Task MediumFrame_IsWrittenIntoBlocks_NeverAsksForALargerSpan(int length, WebSocketRole role)
    {
        (byte[] payload, HintRecordingWriter writer, ServerFrame frame) = await SendOneAsync(length, seed: length, role);

        Assert.InRange(writer.LargestHint, 0, BlockBytes);
        Assert.Equal(payload, frame.Payload);
        Assert.True(frame.Fin);
    }

    [Theory]
    [InlineData(WebSocketConnection.BlockWrittenFrameBytes, WebSocketRole.Server)]
    [InlineData(65_536, WebSocketRole.Server)]
    [InlineData(WebSocketConnection.BlockWrittenFrameBytes, WebSocketRole.Client)]
    [InlineData(65_536, WebSocketRole.Client)]
    public async Task LargeFrame_IsWrittenIntoOneSpan(int length, WebSocketRole role)
    {
        (byte[] payload, HintRecordingWriter writer, ServerFrame frame) = await SendOneAsync(length, seed: 7, role);

        // The 16-bit or 64-bit length header plus the payload, asked for at once.
        Assert.True(writer.LargestHint >= length + 4, $"largest size hint {writer.LargestHint} for a {length}-byte frame");
        Assert.Equal(payload, frame.Payload);
    }

    /// <summary>
    /// Sends one message of random bytes from a connection in <paramref name="role"/> over fresh pipes that never pause,
    /// and reads its one frame back (unmasked, for a client's), checking that the frame is masked as the role requires
    /// and that the payload passed in is unchanged.
    /// </summary>
    internal static async Task<(byte[] Payload, HintRecordingWriter Writer, ServerFrame Frame)> SendOneAsync(int length, int seed, WebSocketRole role = WebSocketRole.Server)
    {
        var options = new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false);
        var toServer = new Pipe(options);
        var toClient = new Pipe(options);
        var writer = new HintRecordingWriter(toClient.Writer);
        var limits = new WebSocketLimits { KeepAliveInterval = Timeout.InfiniteTimeSpan, CloseTimeout = Timeout.InfiniteTimeSpan };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var transport = new PipeLink.Transport(toServer.Reader, writer);
        await using WebSocketConnection sender = role == WebSocketRole.Server
            ? WebSocketConnection.CreateServer(transport, limits, null, null)
            : WebSocketConnection.CreateClient(transport, limits, null, null);
        TestClient peer = role == WebSocketRole.Server
            ? new TestClient(toServer.Writer, toClient.Reader, seed, timeout.Token)
            : TestClient.PlayingServer(toServer.Writer, toClient.Reader, seed, timeout.Token);

        byte[] payload = new byte[length];
        new Random(seed).NextBytes(payload);
        byte[] original = payload.ToArray();
        await sender.SendAsync(WebSocketOpcode.Binary, payload, CancellationToken.None);
        ServerFrame frame = Assert.Single(await peer.ReadMessageFramesAsync());
        Assert.Equal(role == WebSocketRole.Client, frame.MaskKey.HasValue);
        Assert.Equal(original, payload);
        return (payload, writer, frame);
    }
}
