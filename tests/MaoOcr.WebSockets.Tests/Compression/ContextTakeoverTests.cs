using static MaoOcr.WebSockets.Tests.Compression.CompressionTestData;

namespace MaoOcr.WebSockets.Tests.Compression;

public abstract class ContextTakeoverTests : ZlibBackendTestBase
{
    [Fact]
    public void A_repeated_message_shrinks_to_a_few_bytes_with_context_takeover_and_not_without()
    {
        var random = new Random(2015);
        byte[] message = Text(random, 8 * 1024);
        using var keeping = NewDeflater(15, noContextTakeover: false);
        using var resetting = NewDeflater(15, noContextTakeover: true);
        using var keepingInflater = NewInflater(peerNoContextTakeover: false);
        using var resettingInflater = NewInflater(peerNoContextTakeover: true);

        byte[] keptFirst = Deflate(keeping, message, random);
        byte[] keptSecond = Deflate(keeping, message, random);
        byte[] resetFirst = Deflate(resetting, message, random);
        byte[] resetSecond = Deflate(resetting, message, random);

        // 8 KiB again costs one back-reference per 258 bytes (DEFLATE's longest match): about 32 matches.
        Assert.True(keptSecond.Length * 10 < keptFirst.Length, $"with takeover {keptFirst.Length} then {keptSecond.Length} bytes");
        Assert.True(keptSecond.Length < 100, $"{keptSecond.Length} bytes");
        // Without takeover the repeat costs what the first copy did. (Not byte for byte: no_context_takeover ends a
        // message with a full flush, after which zlib-ng may choose other matches within the new message.)
        Assert.True(resetSecond.Length * 10 > resetFirst.Length * 9, $"without takeover {resetFirst.Length} then {resetSecond.Length} bytes");
        Assert.Equal(message, Inflate(keepingInflater, keptFirst, random).Output);
        Assert.Equal(message, Inflate(keepingInflater, keptSecond, random).Output);
        Assert.Equal(message, Inflate(resettingInflater, resetFirst, random).Output);
        Assert.Equal(message, Inflate(resettingInflater, resetSecond, random).Output);
    }

    [Fact]
    public void The_window_reaches_only_as_far_back_as_negotiated()
    {
        // 2 KiB apart: a 10-bit (1 KiB) window cannot see the first copy, a 12-bit (4 KiB) one can.
        var random = new Random(10);
        byte[] message = RandomBytes(random, 2048);
        using var small = NewDeflater(10, noContextTakeover: false);
        using var large = NewDeflater(12, noContextTakeover: false);

        Deflate(small, message, random);
        Deflate(large, message, random);
        byte[] smallSecond = Deflate(small, message, random);
        byte[] largeSecond = Deflate(large, message, random);

        Assert.True(smallSecond.Length > 2000, $"{smallSecond.Length}");
        Assert.True(largeSecond.Length < 100, $"{largeSecond.Length}");
    }

    [Fact]
    public void A_message_that_relies_on_history_is_corrupt_to_an_inflater_without_it()
    {
        var random = new Random(4);
        byte[] message = Text(random, 8 * 1024);
        using var deflater = NewDeflater(15, noContextTakeover: false);
        Deflate(deflater, message, random);
        byte[] second = Deflate(deflater, message, random);
        using var fresh = NewInflater(peerNoContextTakeover: false);

        (InflateStatus status, _) = Inflate(fresh, second, random);

        Assert.Equal(InflateStatus.CorruptData, status);
        Assert.Equal(1002, status.CloseStatusCode());
    }
}

public sealed class ContextTakeoverTestsOnZlibNg : ContextTakeoverTests
{
    protected override ZlibBackend Backend => ZlibBackend.DotNetZlibNg;
}

public sealed class ContextTakeoverTestsOnSystemZlib : ContextTakeoverTests
{
    protected override ZlibBackend Backend => ZlibBackend.System;
}
