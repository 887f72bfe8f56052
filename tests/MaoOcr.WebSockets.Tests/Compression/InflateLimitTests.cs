using System.Buffers;
using static MaoOcr.WebSockets.Tests.Compression.CompressionTestData;

namespace MaoOcr.WebSockets.Tests.Compression;

/// <summary>Decompression-bomb protection: the limit is enforced while inflating, not after.</summary>
public abstract class InflateLimitTests : ZlibBackendTestBase
{
    private const int BombSize = 10 * 1000 * 1000;
    private const int Limit = 1 << 20;

    [Fact]
    public void A_bomb_fed_frame_by_frame_is_refused_one_byte_past_the_limit()
    {
        byte[] bomb = CompressZeros(BombSize);
        using var inflater = NewInflater(peerNoContextTakeover: false);
        var output = new ArrayBufferWriter<byte>();
        const int frameSize = 512;
        int frames = (bomb.Length + frameSize - 1) / frameSize;

        InflateResult result = default;
        int fed = 0;
        while (fed < frames)
        {
            int start = fed * frameSize;
            ReadOnlySpan<byte> frame = bomb.AsSpan(start, Math.Min(frameSize, bomb.Length - start));
            fed++;
            result = inflater.Inflate(frame, fed == frames, output, Limit);
            if (result.Status != InflateStatus.Ok)
            {
                break;
            }
            Assert.True(output.WrittenCount <= Limit);
        }

        Assert.True(bomb.Length < 16 * 1024, $"10 MB of zeros compressed to {bomb.Length} bytes");
        Assert.Equal(InflateStatus.MessageTooBig, result.Status);
        Assert.Equal(1009, result.Status.CloseStatusCode());
        Assert.Equal(Limit + 1, output.WrittenCount);
        Assert.Equal(Limit + 1, result.MessageBytes);
        Assert.True(fed < frames / 4, $"stopped after {fed} of {frames} frames");
        Assert.Throws<InvalidOperationException>(() => inflater.Inflate(bomb, true, output, Limit));
    }

    [Fact]
    public void A_bomb_in_one_segmented_payload_is_refused_one_byte_past_the_limit()
    {
        var random = new Random(9);
        byte[] bomb = CompressZeros(BombSize);
        using var inflater = NewInflater(peerNoContextTakeover: false);
        var output = new ArrayBufferWriter<byte>();

        InflateResult result = inflater.Inflate(ToSequence(random, bomb), true, output, Limit);

        Assert.Equal(InflateStatus.MessageTooBig, result.Status);
        Assert.Equal(Limit + 1, output.WrittenCount);
    }

    [Theory]
    [InlineData(0, InflateStatus.Ok)]
    [InlineData(-1, InflateStatus.MessageTooBig)]
    [InlineData(1, InflateStatus.Ok)]
    public void A_message_exactly_at_the_limit_passes_and_one_byte_over_does_not(int slack, InflateStatus expected)
    {
        var random = new Random(100 + slack);
        byte[] message = Text(random, 100_000);
        using var deflater = NewDeflater(15, noContextTakeover: false);
        using var inflater = NewInflater(peerNoContextTakeover: false);
        byte[] compressed = Deflate(deflater, message, random);

        (InflateStatus status, byte[] output) = Inflate(inflater, compressed, random, limit: message.Length + slack);

        Assert.Equal(expected, status);
        Assert.True(output.Length <= message.Length + slack + 1);
    }

    [Fact]
    public void The_limit_is_per_message()
    {
        var random = new Random(5);
        using var deflater = NewDeflater(15, noContextTakeover: false);
        using var inflater = NewInflater(peerNoContextTakeover: false);

        for (int i = 0; i < 20; i++)
        {
            byte[] message = Text(random, 900);
            (InflateStatus status, byte[] output) = Inflate(inflater, Deflate(deflater, message, random), random, limit: 1000);

            Assert.Equal(InflateStatus.Ok, status);
            Assert.Equal(message, output);
        }
    }

    private byte[] CompressZeros(int length)
    {
        using var deflater = NewDeflater(15, noContextTakeover: false, compressionLevel: 9);
        var output = new ArrayBufferWriter<byte>();
        deflater.Compress(new byte[length], output);
        return output.WrittenSpan.ToArray();
    }
}

public sealed class InflateLimitTestsOnZlibNg : InflateLimitTests
{
    protected override ZlibBackend Backend => ZlibBackend.DotNetZlibNg;
}

public sealed class InflateLimitTestsOnSystemZlib : InflateLimitTests
{
    protected override ZlibBackend Backend => ZlibBackend.System;
}
