using System.IO.Pipelines;

namespace MaoOcr.WebSockets.Tests;

/// <summary>
/// How frames are laid into the transport's pipe, which decides what the socket allocates: medium frames go into the
/// pipe's own blocks (no span larger than a block is asked for, so nothing is rented from ArrayPool), large frames into
/// one span (one segment, one send). Each case also reads the frames back and checks every byte.
/// </summary>
public sealed class SendPathTests
{
    private const int BlockBytes = 4096;

    [Theory]
    [InlineData(0)]
    [InlineData(125)]
    [InlineData(4096)]
    [InlineData(20_000)]
    [InlineData(WebSocketConnection.BlockWrittenFrameBytes - 4)]
    public async Task MediumFrame_IsWrittenIntoBlocks_NeverAsksForALargerSpan(int length)
    {
        (byte[] payload, HintRecordingWriter writer, ServerFrame frame) = await SendOneAsync(length, seed: length);

        Assert.InRange(writer.LargestHint, 0, BlockBytes);
        Assert.Equal(payload, frame.Payload);
        Assert.True(frame.Fin);
    }

    [Theory]
    [InlineData(WebSocketConnection.BlockWrittenFrameBytes)]
    [InlineData(65_536)]
    public async Task LargeFrame_IsWrittenIntoOneSpan(int length)
    {
        (byte[] payload, HintRecordingWriter writer, ServerFrame frame) = await SendOneAsync(length, seed: 7);

        // The 16-bit or 64-bit length header plus the payload, asked for at once.
        Assert.True(writer.LargestHint >= length + 4, $"largest size hint {writer.LargestHint} for a {length}-byte frame");
        Assert.Equal(payload, frame.Payload);
    }

    /// <summary>Sends one message of random bytes over fresh pipes that never pause, and reads its one frame back.</summary>
    internal static async Task<(byte[] Payload, HintRecordingWriter Writer, ServerFrame Frame)> SendOneAsync(int length, int seed)
    {
        var options = new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false);
        var toServer = new Pipe(options);
        var toClient = new Pipe(options);
        var writer = new HintRecordingWriter(toClient.Writer);
        var limits = new WebSocketLimits { KeepAliveInterval = Timeout.InfiniteTimeSpan, CloseTimeout = Timeout.InfiniteTimeSpan };
        await using var server = new WebSocketConnection(new PipeLink.Transport(toServer.Reader, writer), limits, null, null);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var client = new TestClient(toServer.Writer, toClient.Reader, seed, timeout.Token);

        byte[] payload = new byte[length];
        new Random(seed).NextBytes(payload);
        await server.SendAsync(WebSocketOpcode.Binary, payload, CancellationToken.None);
        List<ServerFrame> frames = await client.ReadMessageFramesAsync();
        return (payload, writer, Assert.Single(frames));
    }
}
