using System.Buffers;
using System.Text;

namespace MaoOcr.WebSockets.Tests.Framing;

/// <summary>
/// The incremental validator on Kuhn's stress test (Autobahn group 6), whole and split everywhere, and a check that
/// it fails exactly in the piece holding the first hopeless byte: not before (valid prefixes are accepted) and not
/// after (Autobahn 6.4.x fail fast).
/// </summary>
public sealed class Utf8ValidatorTests
{
    public static TheoryData<string, string, bool> Vectors()
    {
        var data = new TheoryData<string, string, bool>();
        foreach ((string section, string hex, bool valid) in Utf8Vectors.All)
        {
            data.Add(section, hex, valid);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vector_Whole_MatchesExpectation(string section, string hex, bool valid)
    {
        byte[] bytes = TestFrames.Hex(hex);
        Assert.Equal(valid, Utf8Reference.IsValid(bytes));
        var validator = new Utf8Validator();
        Assert.True(valid == validator.TryAdvance(bytes, isFinal: true), section);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vector_SplitInTwoAtEveryPosition_FailsInThePieceWithTheHopelessByte(string section, string hex, bool valid)
    {
        byte[] bytes = TestFrames.Hex(hex);
        for (int at = 0; at <= bytes.Length; at++)
        {
            AssertFailsWhereTheOracleSays(bytes, [bytes.AsMemory(0, at), bytes.AsMemory(at)], section);
        }
        Assert.Equal(valid, Utf8Oracle.FirstHopelessByte(bytes) < 0 && Utf8Reference.IsValid(bytes));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vector_ByteByByteAndRandomPieces_FailsInThePieceWithTheHopelessByte(string section, string hex, bool valid)
    {
        byte[] bytes = TestFrames.Hex(hex);
        AssertFailsWhereTheOracleSays(bytes, Enumerable.Range(0, bytes.Length).Select(i => (ReadOnlyMemory<byte>)bytes.AsMemory(i, 1)).ToList(), section);
        var random = new Random(bytes.Length * 31 + (valid ? 1 : 0));
        for (int seed = 0; seed < 20; seed++)
        {
            AssertFailsWhereTheOracleSays(bytes, SegmentedSequence.RandomPieces(bytes, random, maxPieces: 6), section);
        }
    }

    [Fact]
    public void Autobahn_6_4_1_FailsOnTheSecondFrame()
    {
        // kosme | F4 90 80 80 | edited: the second frame holds 0x90, which no U+10FFFF-bounded sequence after F4 allows.
        var validator = new Utf8Validator();
        Assert.True(validator.TryAdvance(TestFrames.Hex("CEBAE1BDB9CF83CEBCCEB5"), isFinal: false));
        Assert.False(validator.TryAdvance(TestFrames.Hex("F4908080"), isFinal: false));
        Assert.True(validator.IsFailed);
        Assert.False(validator.TryAdvance("edited"u8, isFinal: true));
    }

    [Fact]
    public void Autobahn_6_4_2_FailsOnTheFrameHoldingTheBadByte()
    {
        // The first frame ends in F4, still viable; the second frame is the single byte 0x90.
        var validator = new Utf8Validator();
        Assert.True(validator.TryAdvance(TestFrames.Hex("CEBAE1BDB9CF83CEBCCEB5F4"), isFinal: false));
        Assert.True(validator.InsideSequence);
        Assert.False(validator.TryAdvance(TestFrames.Hex("90"), isFinal: false));
    }

    [Fact]
    public void TruncatedAtMessageEnd_FailsOnlyAtTheEnd()
    {
        var validator = new Utf8Validator();
        Assert.True(validator.TryAdvance(TestFrames.Hex("68F09F"), isFinal: false));
        Assert.True(validator.TryAdvance(ReadOnlySpan<byte>.Empty, isFinal: false));
        Assert.False(validator.TryAdvance(ReadOnlySpan<byte>.Empty, isFinal: true));
    }

    [Fact]
    public void AfterAFinalPiece_ReadyForTheNextMessage_AndResetClearsAFailure()
    {
        var validator = new Utf8Validator();
        Assert.True(validator.TryAdvance("first"u8, isFinal: true));
        Assert.True(validator.TryAdvance(TestFrames.Hex("E282AC"), isFinal: true));
        Assert.False(validator.TryAdvance(TestFrames.Hex("C0"), isFinal: false));
        Assert.False(validator.TryAdvance("fine"u8, isFinal: true));
        validator.Reset();
        Assert.False(validator.IsFailed);
        Assert.True(validator.TryAdvance("fine"u8, isFinal: true));
    }

    [Fact]
    public void RandomMixtures_FailExactlyWhereTheOracleSays()
    {
        var random = new Random(0x6_4);
        byte[] awkward = [0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xF8, 0xFF];
        Span<byte> encoded = stackalloc byte[4];
        for (int round = 0; round < 3000; round++)
        {
            var bytes = new List<byte>();
            int parts = random.Next(0, 16);
            for (int p = 0; p < parts; p++)
            {
                switch (random.Next(4))
                {
                    case 0:
                        bytes.Add((byte)random.Next(0x20, 0x7F));
                        break;
                    case 1:
                        bytes.Add(awkward[random.Next(awkward.Length)]);
                        break;
                    default:
                        int value;
                        do
                        {
                            value = random.Next(2) == 0 ? random.Next(0x80, 0x10000) : random.Next(0x10000, 0x110000);
                        }
                        while (!Rune.IsValid(value));
                        int length = new Rune(value).EncodeToUtf8(encoded);
                        bytes.AddRange(encoded[..length].ToArray());
                        break;
                }
            }
            byte[] message = [.. bytes];
            AssertFailsWhereTheOracleSays(message, SegmentedSequence.RandomPieces(message, random, maxPieces: 6), $"round {round}: {Convert.ToHexString(message)}");
        }
    }

    [Fact]
    public void LongMixedText_InRandomPieces_Valid()
    {
        byte[] text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("MaoOCR 識別 résumé 🚀 κόσμε ", 400)));
        var random = new Random(1);
        for (int seed = 0; seed < 50; seed++)
        {
            var validator = new Utf8Validator();
            Assert.True(validator.TryAdvance(SegmentedSequence.Random(text, random, maxPieces: 30), isFinal: true));
        }
        byte[] broken = (byte[])text.Clone();
        broken[^5] = 0xFF;
        var failing = new Utf8Validator();
        Assert.False(failing.TryAdvance(SegmentedSequence.Random(broken, random, maxPieces: 30), isFinal: true));
    }

    [Fact]
    public void SequenceOverload_EmptyAndSplitSequences()
    {
        var validator = new Utf8Validator();
        Assert.True(validator.TryAdvance(ReadOnlySequence<byte>.Empty, isFinal: true));
        Assert.True(validator.TryAdvance(SegmentedSequence.ByteByByte(TestFrames.Hex("F09F9880")), isFinal: true));
        Assert.False(validator.TryAdvance(SegmentedSequence.ByteByByte(TestFrames.Hex("F09F98")), isFinal: true));
    }

    /// <summary>
    /// Feeds the pieces in order (the last as final) and checks the validator refuses exactly the piece that holds
    /// the first hopeless byte, or, when there is none, the final piece if and only if the message is truncated.
    /// </summary>
    private static void AssertFailsWhereTheOracleSays(byte[] message, List<ReadOnlyMemory<byte>> pieces, string because)
    {
        int hopeless = Utf8Oracle.FirstHopelessByte(message);
        int expectedPiece = -1;
        if (hopeless >= 0)
        {
            int start = 0;
            for (int i = 0; i < pieces.Count; i++)
            {
                if (hopeless >= start && hopeless < start + pieces[i].Length)
                {
                    expectedPiece = i;
                    break;
                }
                start += pieces[i].Length;
            }
        }
        else if (!Utf8Reference.IsValid(message))
        {
            expectedPiece = pieces.Count - 1;
        }

        var validator = new Utf8Validator();
        int failedPiece = -1;
        for (int i = 0; i < pieces.Count; i++)
        {
            if (!validator.TryAdvance(pieces[i].Span, isFinal: i == pieces.Count - 1))
            {
                failedPiece = i;
                break;
            }
        }
        Assert.True(expectedPiece == failedPiece,
            $"{because}: expected failure in piece {expectedPiece}, got {failedPiece}; pieces {string.Join(" | ", pieces.Select(p => Convert.ToHexString(p.Span)))}");
    }
}

/// <summary>The BCL's whole-buffer check, named so that the tests read as "the reference says".</summary>
internal static class Utf8Reference
{
    public static bool IsValid(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes);
}
