using System.Buffers;
using static MaoOcr.WebSockets.Tests.Compression.CompressionTestData;

namespace MaoOcr.WebSockets.Tests.Compression;

public abstract class CorruptPayloadTests : ZlibBackendTestBase
{
    [Theory]
    [InlineData("")] // nothing: the trailer alone is not a block
    [InlineData("07")] // BFINAL 1, BTYPE 11: reserved block type
    [InlineData("06")] // BFINAL 0, BTYPE 11
    [InlineData("0005000000")] // stored block whose NLEN is not ~LEN
    [InlineData("f248cd")] // "Hello" cut inside its block
    [InlineData("f248cdc9c907")] // "Hello" without the byte holding end-of-block and the stored block header
    [InlineData("ffffffffffffffff")]
    public void Corrupt_payloads_are_refused_with_protocol_error(string hex)
    {
        using var inflater = NewInflater(peerNoContextTakeover: false);
        var output = new ArrayBufferWriter<byte>();

        InflateResult result = inflater.Inflate(Convert.FromHexString(hex), true, output, 1 << 20);

        Assert.Equal(InflateStatus.CorruptData, result.Status);
        Assert.Equal(1002, result.Status.CloseStatusCode());
        Assert.Throws<InvalidOperationException>(() => inflater.Inflate(new byte[] { 0 }, true, output, 10));
    }

    [Fact]
    public void Cut_short_messages_never_inflate_whole_and_are_mostly_refused()
    {
        // Raw DEFLATE carries no check value, so a cut that the appended 00 00 FF FF happens to close as a block
        // cannot be told from a shorter message: zero bits often decode as the shortest code, and the FF FF as the
        // all-ones end-of-block code of a block without matches. WebSocket frames carry their lengths, so only a
        // broken sender cuts a message; what matters is that no cut passes as the whole message.
        var random = new Random(1002);
        int refused = 0, rounds = 0;
        for (int round = 0; round < 300; round++)
        {
            byte[] message = random.Next(2) == 0 ? Text(random, random.Next(1, 5000)) : RandomBytes(random, random.Next(1, 2000));
            using var deflater = NewDeflater(random.Next(8, 16), noContextTakeover: false);
            byte[] compressed = Deflate(deflater, message, random);
            if (compressed.Length < 2)
            {
                continue;
            }
            byte[] cut = compressed[..random.Next(0, compressed.Length - 1)];
            using var inflater = NewInflater(peerNoContextTakeover: false);

            (InflateStatus status, byte[] output) = Inflate(inflater, cut, random);

            rounds++;
            Assert.False(status == InflateStatus.Ok && output.AsSpan().SequenceEqual(message), $"round {round}: a cut message inflated whole");
            refused += status == InflateStatus.CorruptData ? 1 : 0;
        }
        Assert.True(refused >= rounds * 8 / 10, $"only {refused} of {rounds} cut messages were refused");
    }

    [Fact]
    public void Random_payloads_never_throw()
    {
        var random = new Random(1007);
        for (int round = 0; round < 3000; round++)
        {
            byte[] payload = RandomBytes(random, random.Next(0, 300));
            using var inflater = NewInflater(peerNoContextTakeover: random.Next(2) == 0);

            (InflateStatus status, byte[] output) = Inflate(inflater, payload, random, limit: 100_000);

            Assert.True(status != InflateStatus.Ok || output.Length <= 100_000);
        }
    }
}

public sealed class CorruptPayloadTestsOnZlibNg : CorruptPayloadTests
{
    protected override ZlibBackend Backend => ZlibBackend.DotNetZlibNg;
}

public sealed class CorruptPayloadTestsOnSystemZlib : CorruptPayloadTests
{
    protected override ZlibBackend Backend => ZlibBackend.System;
}
