using System.Buffers;
using System.Numerics;
using System.Text;
using static MaoOcr.WebSockets.Tests.Compression.CompressionTestData;

namespace MaoOcr.WebSockets.Tests.Compression;

public abstract class MessageRoundTripTests : ZlibBackendTestBase
{
    /// <summary>Each window 8..15 with: both sides keep context; sender resets and receiver resets; sender resets and receiver keeps its window.</summary>
    public static TheoryData<int, bool, bool> Settings()
    {
        var data = new TheoryData<int, bool, bool>();
        for (int bits = 8; bits <= 15; bits++)
        {
            data.Add(bits, false, false);
            data.Add(bits, true, true);
            data.Add(bits, true, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void Messages_of_every_size_round_trip_fed_in_random_pieces(int windowBits, bool senderResets, bool receiverResets)
    {
        var random = new Random((windowBits * 4) + (senderResets ? 2 : 0) + (receiverResets ? 1 : 0));
        using var deflater = NewDeflater(windowBits, senderResets);
        using var inflater = NewInflater(receiverResets);
        int[] sizes = [0, 1, 2, 3, 4, 5, 100, 1000, 4096, 65_536 + random.Next(1000), 1 << 20, 0, 7];
        random.Shuffle(sizes);

        foreach (int size in sizes)
        {
            foreach (bool text in new[] { true, false })
            {
                byte[] message = text ? Text(random, size) : RandomBytes(random, size);

                byte[] compressed = Deflate(deflater, message, random);
                (InflateStatus status, byte[] output) = Inflate(inflater, compressed, random);

                Assert.True(compressed.Length >= 1);
                Assert.Equal(InflateStatus.Ok, status);
                Assert.True(message.AsSpan().SequenceEqual(output), $"{size} {(text ? "text" : "random")} bytes came back different");
            }
        }
    }

    [Theory]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(65_536)]
    [InlineData(1 << 20)]
    public void A_message_that_fills_the_message_buffer_exactly_does_not_grow_it(int size)
    {
        var random = new Random(size);
        using var deflater = NewDeflater(15, noContextTakeover: false);
        using var inflater = NewInflater(peerNoContextTakeover: false);
        using var buffer = new MessageBuffer();
        // The buffer doubles from 4 KiB, so a power-of-two message fills it exactly; zlib's call after the last byte
        // (for the trailer) must not double it again, past the 1 MiB a connection keeps between messages.
        int fits = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(size, 4096));
        for (int i = 0; i < 3; i++)
        {
            byte[] message = Text(random, size);
            buffer.Clear();

            (InflateStatus status, byte[] output) = Inflate(inflater, Deflate(deflater, message, random), random, writer: buffer);

            Assert.Equal(InflateStatus.Ok, status);
            Assert.True(message.AsSpan().SequenceEqual(output), $"message {i} of {size} bytes came back different");
            Assert.InRange(buffer.Capacity, size, fits);
        }
    }

    [Fact]
    public void A_deflater_reproduces_the_rfc_7692_hello_examples()
    {
        using var deflater = NewDeflater(15, noContextTakeover: false);
        var output = new ArrayBufferWriter<byte>();

        deflater.Compress("Hello"u8, output);
        byte[] first = output.WrittenSpan.ToArray();
        output.Clear();
        deflater.Compress("Hello"u8, output);
        byte[] second = output.WrittenSpan.ToArray();

        // RFC 7692 §7.2.3.1 and §7.2.3.2 (the second message reuses the first's window).
        Assert.Equal(new byte[] { 0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00 }, first);
        Assert.Equal(new byte[] { 0xf2, 0x00, 0x11, 0x00, 0x00 }, second);
    }

    [Theory]
    [InlineData("f2 48 cd c9 c9 07 00")] // §7.2.3.1, one compressed block
    [InlineData("00 05 00 fa ff 48 65 6c 6c 6f 00")] // §7.2.3.3, a stored block
    [InlineData("f3 48 cd c9 c9 07 00 00")] // §7.2.3.4, a final block, then the empty stored block §7.2.1 still appends
    [InlineData("f2 48 05 00 00 00 ff ff ca c9 c9 07 00")] // §7.2.3.5, two blocks in one message
    public void The_rfc_7692_example_payloads_inflate_to_Hello(string hex)
    {
        byte[] payload = Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
        var random = new Random(hex.Length);
        using var inflater = NewInflater(peerNoContextTakeover: false);

        (InflateStatus status, byte[] output) = Inflate(inflater, payload, random);

        Assert.Equal(InflateStatus.Ok, status);
        Assert.Equal("Hello", Encoding.ASCII.GetString(output));
    }

    [Fact]
    public void After_a_final_block_the_window_is_kept_for_the_next_message()
    {
        // §7.2.3.4's message ends with BFINAL; §7.2.3.2's message then refers back to its "Hello".
        using var inflater = NewInflater(peerNoContextTakeover: false);
        var output = new ArrayBufferWriter<byte>();

        InflateResult first = inflater.Inflate(Convert.FromHexString("f348cdc9c9070000"), true, output, 100);
        InflateResult second = inflater.Inflate(Convert.FromHexString("f200110000"), true, output, 100);

        Assert.Equal(InflateStatus.Ok, first.Status);
        Assert.Equal(InflateStatus.Ok, second.Status);
        Assert.Equal("HelloHello", Encoding.ASCII.GetString(output.WrittenSpan));
    }

    [Fact]
    public void An_empty_message_is_a_single_zero_byte_with_or_without_history()
    {
        using var deflater = NewDeflater(15, noContextTakeover: false);
        using var resetting = NewDeflater(15, noContextTakeover: true);
        using var inflater = NewInflater(peerNoContextTakeover: false);
        var output = new ArrayBufferWriter<byte>();

        Assert.Equal(1, deflater.Compress(ReadOnlySpan<byte>.Empty, output));
        deflater.Compress("Hello"u8, new ArrayBufferWriter<byte>());
        // zlib writes nothing for a flush with nothing new (Z_BUF_ERROR); the deflater must still send a block.
        Assert.Equal(1, deflater.Compress(ReadOnlySpan<byte>.Empty, output));
        Assert.Equal(1, resetting.Compress(ReadOnlySpan<byte>.Empty, output));
        Assert.Equal(new byte[] { 0, 0, 0 }, output.WrittenSpan.ToArray());

        var inflated = new ArrayBufferWriter<byte>();
        InflateResult result = inflater.Inflate(new byte[] { 0 }, true, inflated, 0);
        Assert.Equal(InflateStatus.Ok, result.Status);
        Assert.Equal(0, inflated.WrittenCount);
    }

    [Fact]
    public void The_threshold_decides_which_messages_are_worth_compressing()
    {
        using var deflater = MessageDeflater.CreateForServer(
            DeflateNegotiation.Negotiate("permessage-deflate", new DeflateOptions()).Parameters,
            new DeflateOptions { CompressionThreshold = 100 });

        Assert.False(deflater.ShouldCompress(99));
        Assert.True(deflater.ShouldCompress(100));
    }

    [Fact]
    public void The_server_pair_follows_the_negotiated_parameters()
    {
        var random = new Random(12);
        var options = new DeflateOptions { CompressionLevel = 9 };
        DeflateParameters parameters = DeflateNegotiation.Negotiate(
            "permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=10", options).Parameters;
        using var deflater = MessageDeflater.CreateForServer(parameters, options);
        using var inflater = MessageInflater.CreateForServer(parameters);
        byte[] message = Text(random, 10_000);

        byte[] first = Deflate(deflater, message, random);
        byte[] second = Deflate(deflater, message, random);

        Assert.Equal(10, deflater.WindowBits);
        Assert.Equal(first, second); // reset between messages: same input, same output
        Assert.Equal(message, Inflate(inflater, first, random).Output);
        Assert.Equal(message, Inflate(inflater, second, random).Output);
    }

    [Fact]
    public void A_deflater_whose_writer_failed_refuses_further_use()
    {
        using var deflater = NewDeflater(15, noContextTakeover: false);

        Assert.Throws<InsufficientExecutionStackException>(() => deflater.Compress(new byte[5000], new ThrowingWriter()));

        Assert.Throws<InvalidOperationException>(() => deflater.Compress("Hello"u8, new ArrayBufferWriter<byte>()));
    }

    [Fact]
    public void Disposed_codecs_refuse_use()
    {
        var deflater = NewDeflater(15, noContextTakeover: false);
        var inflater = NewInflater(peerNoContextTakeover: false);
        deflater.Dispose();
        inflater.Dispose();
        deflater.Dispose();

        Assert.Throws<ObjectDisposedException>(() => deflater.Compress("Hello"u8, new ArrayBufferWriter<byte>()));
        Assert.Throws<ObjectDisposedException>(() => inflater.Inflate(new byte[] { 0 }, true, new ArrayBufferWriter<byte>(), 10));
    }

    [Fact]
    public void Out_of_range_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NewDeflater(7, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => NewDeflater(16, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => NewDeflater(15, false, compressionLevel: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => NewDeflater(15, false, memoryLevel: 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => NewDeflater(15, false, compressionThreshold: -1));
        using var inflater = NewInflater(false);
        Assert.Throws<ArgumentOutOfRangeException>(() => inflater.Inflate(new byte[] { 0 }, true, new ArrayBufferWriter<byte>(), -1));
    }

    private sealed class ThrowingWriter : IBufferWriter<byte>
    {
        private readonly byte[] _buffer = new byte[300];

        public void Advance(int count) => throw new InsufficientExecutionStackException();

        public Memory<byte> GetMemory(int sizeHint = 0) => _buffer;

        public Span<byte> GetSpan(int sizeHint = 0) => _buffer;
    }
}

public sealed class MessageRoundTripTestsOnZlibNg : MessageRoundTripTests
{
    protected override ZlibBackend Backend => ZlibBackend.DotNetZlibNg;
}

public sealed class MessageRoundTripTestsOnSystemZlib : MessageRoundTripTests
{
    protected override ZlibBackend Backend => ZlibBackend.System;
}
