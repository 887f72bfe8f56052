using System.Buffers;
using static MaoOcr.WebSockets.Tests.Compression.CompressionTestData;

namespace MaoOcr.WebSockets.Tests.Compression;

/// <summary>
/// A peer that negotiated server_max_window_bits=8 may inflate with a 256-byte window. zlib compresses our window 8
/// with its window 9; these tests hold that to the 256-byte contract with a real 256-byte inflater. Its output is
/// handed out one byte at a time so that zlib takes the slow path, which checks every distance against the bytes
/// in its window, rather than the fast path, which may copy from the current output buffer.
/// </summary>
public abstract class EightBitWindowTests : ZlibBackendTestBase
{
    [Theory]
    [InlineData(1)] // deflate_fast
    [InlineData(4)] // deflate_slow from here on
    [InlineData(6)]
    [InlineData(9)]
    public void Window_8_output_inflates_with_a_256_byte_window(int level)
    {
        var random = new Random(level);
        using var deflater = NewDeflater(8, noContextTakeover: false, compressionLevel: level);
        using var inflater = NewInflater(peerNoContextTakeover: false, windowBits: 8);
        byte[] period = RandomBytes(random, 300);
        byte[][] messages =
        [
            Text(random, 20_000),
            Repeat(period, 12_000), // repeats 300 bytes apart: a 512-byte window would reach them, 256 bytes must not
            Repeat(RandomBytes(random, 200), 8_000), // repeats 200 bytes apart: these it should use
            RandomBytes(random, 3_000),
            Text(random, 5_000),
        ];

        foreach (byte[] message in messages)
        {
            byte[] compressed = Deflate(deflater, message, random);
            (InflateStatus status, byte[] output) = Inflate(inflater, compressed, random, writer: new SmallSpanWriter(1));

            Assert.Equal(InflateStatus.Ok, status);
            Assert.Equal(message, output);
        }
    }

    [Fact]
    public void The_256_byte_inflater_does_catch_a_stream_that_reaches_further()
    {
        // The control for the test above: window 10 uses the 300-byte repeats, and the 256-byte inflater refuses them.
        var random = new Random(256);
        using var deflater = NewDeflater(10, noContextTakeover: false);
        using var inflater = NewInflater(peerNoContextTakeover: false, windowBits: 8);
        byte[] message = Repeat(RandomBytes(random, 300), 12_000);

        byte[] compressed = Deflate(deflater, message, random);
        (InflateStatus status, _) = Inflate(inflater, compressed, random, writer: new SmallSpanWriter(1));

        Assert.Equal(InflateStatus.CorruptData, status);
    }

    [Fact]
    public void Only_window_8_is_widened_for_zlib()
    {
        Assert.Equal(9, MessageDeflater.ZlibWindowBits(8));
        for (int bits = 9; bits <= 15; bits++)
        {
            Assert.Equal(bits, MessageDeflater.ZlibWindowBits(bits));
        }
    }

    [Fact]
    public void Window_8_still_compresses_what_repeats_within_256_bytes()
    {
        using var deflater = NewDeflater(8, noContextTakeover: false);
        var output = new ArrayBufferWriter<byte>();

        long length = deflater.Compress(Repeat("abcdefghij"u8.ToArray(), 10_000), output);

        // Literals alone would cost over 3 bits a byte (4 KB); back-references bring it to about 2 % (zlib 1.2.13: under 2 %, zlib-ng 2.2: 2.1 %).
        Assert.True(length < 400, $"{length} bytes");
    }

    private static byte[] Repeat(byte[] period, int length)
    {
        var data = new byte[length];
        for (int i = 0; i < length; i++)
        {
            data[i] = period[i % period.Length];
        }
        return data;
    }
}

public sealed class EightBitWindowTestsOnZlibNg : EightBitWindowTests
{
    protected override ZlibBackend Backend => ZlibBackend.DotNetZlibNg;
}

public sealed class EightBitWindowTestsOnSystemZlib : EightBitWindowTests
{
    protected override ZlibBackend Backend => ZlibBackend.System;
}
