namespace MaoOcr.WebSockets.Tests;

/// <summary>Runs alone: the count of large frames written as one span is process-wide.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LargeSpanGroup
{
    public const string Name = "Large frames written as one span";
}

/// <summary>
/// Large frames are written as one span by at most <see cref="WebSocketConnection.LargeSpanLimit"/> connections at once:
/// with that many holding a share (their frames waiting for slow readers), another connection's large frame goes into
/// blocks (so ArrayPool's few arrays of that size are not outrun); the shares stay with their connections until those
/// close, and then one span again. Every frame's bytes are checked.
/// </summary>
[Collection(LargeSpanGroup.Name)]
public sealed class LargeSpanLimitTests
{
    private const int FrameBytes = 65_536;

    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task BeyondTheLimit_LargeFramesGoIntoBlocks_AndBackToOneSpanOnceTheHoldersClose()
    {
        // Server connections of earlier socket tests may still be closing (and holding shares): a bounded wait for them.
        SpinWait.SpinUntil(() => WebSocketConnection.LargeSpansInFlight == 0, s_hangGuard);
        Assert.Equal(0, WebSocketConnection.LargeSpansInFlight);
        var held = new List<(PipeLink Link, Task Send, byte[] Payload)>();
        try
        {
            for (int i = 0; i < WebSocketConnection.LargeSpanLimit; i++)
            {
                var link = new PipeLink(s_hangGuard);
                byte[] payload = Payload(i);
                // The reader reads nothing yet, so each flush is held with its frame's span.
                held.Add((link, link.Server.SendAsync(WebSocketOpcode.Binary, payload, CancellationToken.None).AsTask(), payload));
            }
            Assert.Equal(WebSocketConnection.LargeSpanLimit, WebSocketConnection.LargeSpansInFlight);

            (byte[] sent, HintRecordingWriter overLimit, ServerFrame frame) = await SendPathTests.SendOneAsync(FrameBytes, seed: 1_000_001);
            Assert.InRange(overLimit.LargestHint, 0, 4096);
            Assert.Equal(sent, frame.Payload);

            foreach ((PipeLink link, Task send, byte[] payload) in held)
            {
                ServerFrame? echoed = await link.Client.ReadFrameAsync().WaitAsync(s_hangGuard);
                await send.WaitAsync(s_hangGuard);
                Assert.Equal(payload, echoed!.Payload);
            }
            // Sent, but the shares stay with their connections (a later large frame of theirs is one span again).
            Assert.Equal(WebSocketConnection.LargeSpanLimit, WebSocketConnection.LargeSpansInFlight);
            (sent, HintRecordingWriter stillOver, frame) = await SendPathTests.SendOneAsync(FrameBytes, seed: 1_000_003);
            Assert.InRange(stillOver.LargestHint, 0, 4096);
            Assert.Equal(sent, frame.Payload);

            foreach ((PipeLink link, _, _) in held)
            {
                await link.DisposeAsync();
            }
            held.Clear();
            Assert.Equal(0, WebSocketConnection.LargeSpansInFlight);

            (sent, HintRecordingWriter underLimit, frame) = await SendPathTests.SendOneAsync(FrameBytes, seed: 1_000_002);
            Assert.True(underLimit.LargestHint >= FrameBytes + 4, $"largest size hint {underLimit.LargestHint}");
            Assert.Equal(sent, frame.Payload);
        }
        finally
        {
            foreach ((PipeLink link, _, _) in held)
            {
                await link.DisposeAsync();
            }
        }
    }

    private static byte[] Payload(int seed)
    {
        byte[] payload = new byte[FrameBytes];
        new Random(seed).NextBytes(payload);
        return payload;
    }
}
