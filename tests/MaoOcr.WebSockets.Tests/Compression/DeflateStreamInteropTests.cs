using System.IO.Compression;
using static MaoOcr.WebSockets.Tests.Compression.CompressionTestData;

namespace MaoOcr.WebSockets.Tests.Compression;

/// <summary>Checks our DEFLATE against .NET's own (System.IO.Compression), in both directions.</summary>
public abstract class DeflateStreamInteropTests : ZlibBackendTestBase
{
    // A final fixed-Huffman block holding only end-of-block: closes a stream so a plain decoder reaches its end.
    private static readonly byte[] s_finalEmptyBlock = [0x03, 0x00];

    [Theory]
    [InlineData(8, false)]
    [InlineData(8, true)]
    [InlineData(11, false)]
    [InlineData(15, false)]
    [InlineData(15, true)]
    public void Our_messages_plus_the_trailer_are_plain_deflate_for_DeflateStream(int windowBits, bool noContextTakeover)
    {
        var random = new Random(windowBits + (noContextTakeover ? 100 : 0));
        using var deflater = NewDeflater(windowBits, noContextTakeover);
        var stream = new List<byte>();
        var expected = new List<byte>();

        for (int i = 0; i < 8; i++)
        {
            byte[] message = i % 3 == 2 ? RandomBytes(random, random.Next(0, 3000)) : Text(random, random.Next(0, 40_000));
            byte[] compressed = Deflate(deflater, message, random);
            byte[] whole = [.. compressed, .. PerMessageDeflate.SyncFlushTrailer, .. s_finalEmptyBlock];

            if (noContextTakeover)
            {
                // Each message stands alone.
                Assert.Equal(message, DecodeWithDeflateStream(whole));
            }
            // With or without takeover, the messages with their trailers are one continuous DEFLATE stream.
            stream.AddRange(compressed);
            stream.AddRange(PerMessageDeflate.SyncFlushTrailer.ToArray());
            expected.AddRange(message);
        }
        stream.AddRange(s_finalEmptyBlock);

        Assert.Equal(expected.ToArray(), DecodeWithDeflateStream(stream.ToArray()));
    }

    [Fact]
    public void DeflateStream_flushes_inflate_as_messages_that_share_a_window()
    {
        var random = new Random(1951);
        using var inflater = NewInflater(peerNoContextTakeover: false);
        using var compressed = new MemoryStream();
        long position = 0;
        // Incompressible on its own, so a short repeat can only come from pointing back into an earlier message.
        byte[] repeated = RandomBytes(random, 12_000);
        using (var deflate = new DeflateStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            byte[][] messages = [repeated, Text(random, 5_000), repeated, RandomBytes(random, 3000), [], repeated];
            int firstRepeatLength = 0;
            foreach (byte[] message in messages)
            {
                deflate.Write(message);
                deflate.Flush();
                byte[] flushed = compressed.ToArray()[(int)position..];
                position = compressed.Length;

                // DeflateStream.Flush is a zlib sync flush: it ends with the RFC 7692 trailer, which the sender removes.
                // With nothing new to flush zlib writes nothing, and the sender sends the empty message's 0x00.
                byte[] payload = [PerMessageDeflate.EmptyMessagePayload];
                if (flushed.Length > 0)
                {
                    Assert.True(flushed.AsSpan().EndsWith(PerMessageDeflate.SyncFlushTrailer), Convert.ToHexString(flushed));
                    payload = flushed[..^4];
                }
                (InflateStatus status, byte[] output) = Inflate(inflater, payload, random);

                Assert.Equal(InflateStatus.Ok, status);
                Assert.Equal(message, output);
                if (ReferenceEquals(message, repeated))
                {
                    // From the second copy on, DeflateStream points back into earlier messages.
                    Assert.True(firstRepeatLength == 0 || payload.Length < firstRepeatLength / 10, $"{payload.Length} vs {firstRepeatLength}");
                    firstRepeatLength = firstRepeatLength == 0 ? payload.Length : firstRepeatLength;
                }
            }
        }

        // Disposing writes a final block: a message of its own, empty, ending the stream (RFC 7692 §7.2.3.4).
        byte[] last = compressed.ToArray()[(int)position..];
        (InflateStatus lastStatus, byte[] lastOutput) = Inflate(inflater, last, random);
        Assert.Equal(InflateStatus.Ok, lastStatus);
        Assert.Empty(lastOutput);
    }

    [Fact]
    public void A_whole_DeflateStream_stream_is_a_message_ending_in_a_final_block()
    {
        var random = new Random(7);
        using var inflater = NewInflater(peerNoContextTakeover: false);
        using var ours = NewDeflater(15, noContextTakeover: false);
        byte[] x = Text(random, 30_000);

        // The peer sends X ending in BFINAL; then, with context takeover, a message that points back into X.
        byte[] first = CompressWithDeflateStream(x);
        Deflate(ours, x, random);
        byte[] second = Deflate(ours, x, random);

        Assert.Equal(x, Inflate(inflater, first, random).Output);
        // Referring back into X at least halves it (zlib 1.2.13: under a quarter; zlib-ng 2.2 at level 6: under a half).
        Assert.True(second.Length * 2 < first.Length, $"{second.Length} bytes after {first.Length}: the repeat should be back-references");
        (InflateStatus status, byte[] output) = Inflate(inflater, second, random);
        Assert.Equal(InflateStatus.Ok, status);
        Assert.Equal(x, output);
    }

    [Fact]
    public void After_final_blocks_a_message_may_refer_back_across_the_whole_32_KiB_window()
    {
        // Two whole DeflateStream streams (40,000 bytes, more than the window) and then a message whose first part
        // repeats a's last 10,000 bytes, 30,000 back: the restarted stream must hold the last 32 KiB of both, in order.
        var random = new Random(32);
        using var inflater = NewInflater(peerNoContextTakeover: false);
        using var ours = NewDeflater(15, noContextTakeover: false);
        byte[] a = Text(random, 20_000);
        byte[] b = Text(random, 20_000);
        byte[] c = [.. a.AsSpan(10_000), .. b.AsSpan(0, 5_000)];

        Assert.Equal(a, Inflate(inflater, CompressWithDeflateStream(a), random).Output);
        Assert.Equal(b, Inflate(inflater, CompressWithDeflateStream(b), random).Output);
        Deflate(ours, a, random);
        Deflate(ours, b, random);
        byte[] third = Deflate(ours, c, random);
        (InflateStatus status, byte[] output) = Inflate(inflater, third, random);

        Assert.True(third.Length * 10 < c.Length, $"{third.Length} bytes for {c.Length}: the repeat should be back-references");
        Assert.Equal(InflateStatus.Ok, status);
        Assert.Equal(c, output);
    }

    [Fact]
    public void Every_DeflateStream_level_inflates()
    {
        var random = new Random(3);
        using var inflater = NewInflater(peerNoContextTakeover: true);
        foreach (CompressionLevel level in new[] { CompressionLevel.NoCompression, CompressionLevel.Fastest, CompressionLevel.Optimal, CompressionLevel.SmallestSize })
        {
            byte[] message = Text(random, 50_000);

            (InflateStatus status, byte[] output) = Inflate(inflater, CompressWithDeflateStream(message, level), random);

            Assert.Equal(InflateStatus.Ok, status);
            Assert.Equal(message, output);
        }
    }

    private static byte[] CompressWithDeflateStream(byte[] data, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, level, leaveOpen: true))
        {
            deflate.Write(data);
        }
        return output.ToArray();
    }
}

public sealed class DeflateStreamInteropTestsOnZlibNg : DeflateStreamInteropTests
{
    protected override ZlibBackend Backend => ZlibBackend.DotNetZlibNg;
}

public sealed class DeflateStreamInteropTestsOnSystemZlib : DeflateStreamInteropTests
{
    protected override ZlibBackend Backend => ZlibBackend.System;
}
