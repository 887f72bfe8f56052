using System.Buffers;
using System.Runtime.InteropServices;

namespace MaoOcr.WebSockets.Tests.Framing;

/// <summary>The vectorized masking against the one-byte-at-a-time reference, on random lengths, offsets and splits.</summary>
public sealed class MaskingTests
{
    private const int Rounds = 300;

    [Fact]
    public void Apply_CopyAndInPlace_MatchTheReference()
    {
        var random = new Random(5_3);
        for (int round = 0; round < Rounds; round++)
        {
            int length = random.Next(0, 5001);
            int offset = random.Next(0, 4);
            byte[] key = TestFrames.RandomBytes(random, 4);
            byte[] source = TestFrames.RandomBytes(random, length);
            byte[] expected = new byte[length];
            TestFrames.NaiveMask(source, expected, key, offset);

            byte[] copy = new byte[length + random.Next(0, 3)];
            Assert.Equal((offset + length) & 3, Masking.Apply(source, copy, TestFrames.KeyValue(key), offset));
            Assert.Equal(expected, copy[..length]);

            byte[] inPlace = (byte[])source.Clone();
            Assert.Equal((offset + length) & 3, Masking.Apply(inPlace, TestFrames.KeyValue(key), offset));
            Assert.Equal(expected, inPlace);
        }
    }

    [Fact]
    public void Unmask_RandomSegmentsAndReads_MatchesTheReference()
    {
        var random = new Random(6455);
        for (int round = 0; round < Rounds; round++)
        {
            int length = random.Next(0, 5001);
            byte[] key = TestFrames.RandomBytes(random, 4);
            byte[] masked = TestFrames.RandomBytes(random, length);
            byte[] expected = new byte[length];
            TestFrames.NaiveMask(masked, expected, key, 0);

            // The frame's payload arrives over several reads, each read in several segments; the offset carries over.
            byte[] actual = new byte[length];
            int offset = 0;
            int position = 0;
            foreach (ReadOnlyMemory<byte> read in SegmentedSequence.RandomPieces(masked, random, maxPieces: 5))
            {
                ReadOnlySequence<byte> segments = SegmentedSequence.Random(read.ToArray(), random, maxPieces: 6);
                offset = Masking.Unmask(segments, actual.AsSpan(position), TestFrames.KeyValue(key), offset);
                position += read.Length;
                Assert.Equal(position & 3, offset);
            }
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Unmask_FromAnOffsetInsideTheFrame_UsesTheRotatedKey()
    {
        var random = new Random(42);
        for (int round = 0; round < Rounds; round++)
        {
            int length = random.Next(0, 600);
            int offset = random.Next(0, 4);
            byte[] key = TestFrames.RandomBytes(random, 4);
            byte[] masked = TestFrames.RandomBytes(random, length);
            byte[] expected = new byte[length];
            TestFrames.NaiveMask(masked, expected, key, offset);
            byte[] actual = new byte[length];
            Assert.Equal((offset + length) & 3, Masking.Unmask(SegmentedSequence.Random(masked, random), actual, TestFrames.KeyValue(key), offset));
            Assert.Equal(expected, actual);
        }
    }

    /// <summary>Each vector width on its own, whether or not this machine accelerates it, then the scalar tail.</summary>
    [Theory]
    [InlineData(512)]
    [InlineData(256)]
    [InlineData(128)]
    [InlineData(0)]
    public void EveryVectorWidth_MatchesTheReference(int width)
    {
        var random = new Random(width + 1);
        for (int round = 0; round < Rounds; round++)
        {
            int length = random.Next(0, 1100);
            int offset = random.Next(0, 4);
            byte[] key = TestFrames.RandomBytes(random, 4);
            byte[] source = TestFrames.RandomBytes(random, length);
            byte[] expected = new byte[length];
            TestFrames.NaiveMask(source, expected, key, offset);

            byte[] actual = new byte[length];
            uint rotated = Masking.RotateForOffset(TestFrames.KeyValue(key), offset);
            ref byte src = ref MemoryMarshal.GetArrayDataReference(source);
            ref byte dst = ref MemoryMarshal.GetArrayDataReference(actual);
            nuint done = width switch
            {
                512 => Masking.XorVector512(ref src, ref dst, (nuint)length, rotated, 0),
                256 => Masking.XorVector256(ref src, ref dst, (nuint)length, rotated, 0),
                128 => Masking.XorVector128(ref src, ref dst, (nuint)length, rotated, 0),
                _ => 0,
            };
            Assert.Equal(width == 0 ? 0 : (nuint)(length / (width / 8) * (width / 8)), done);
            Masking.XorScalar(ref src, ref dst, (nuint)length, rotated, done);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void MaskingTwice_GivesBackTheInput()
    {
        var random = new Random(7);
        byte[] original = TestFrames.RandomBytes(random, 4099);
        byte[] buffer = (byte[])original.Clone();
        uint key = (uint)random.Next();
        Masking.Apply(buffer, key, 3);
        Assert.NotEqual(original, buffer);
        Masking.Apply(buffer, key, 3);
        Assert.Equal(original, buffer);
    }

    [Fact]
    public void Rfc6455Example_MaskedHello_Unmasks()
    {
        // RFC 6455 §5.7: "A single-frame masked text message": key 37 fa 21 3d, payload 7f 9f 4d 51 58.
        byte[] masked = TestFrames.Hex("7f9f4d5158");
        byte[] plain = new byte[5];
        Masking.Apply(masked, plain, TestFrames.KeyValue(TestFrames.Hex("37fa213d")), 0);
        Assert.Equal("Hello"u8.ToArray(), plain);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void OffsetOutsideZeroToThree_Throws(int offset)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Masking.Apply(new byte[4], 1u, offset));
        Assert.Throws<ArgumentOutOfRangeException>(() => Masking.Unmask(new ReadOnlySequence<byte>(new byte[4]), new byte[4], 1u, offset));
    }

    [Fact]
    public void ShortDestination_Throws()
    {
        Assert.Throws<ArgumentException>(() => Masking.Apply(new byte[5], new byte[4], 1u, 0));
        Assert.Throws<ArgumentException>(() => Masking.Unmask(SegmentedSequence.TwoSegments(new byte[5], 2), new byte[4], 1u, 0));
    }

    [Fact]
    public void PartlyOverlappingBuffers_Throw()
    {
        byte[] buffer = new byte[64];
        Assert.Throws<ArgumentException>(() => Masking.Apply(buffer.AsSpan(0, 32), buffer.AsSpan(1, 32), 1u, 0));
        Masking.Apply(buffer.AsSpan(0, 32), buffer.AsSpan(0, 32), 1u, 0); // exactly the same memory is in place: allowed
    }
}
