using System.Buffers;
using static MaoOcr.WebSockets.Tests.Compression.CompressionTestData;

namespace MaoOcr.WebSockets.Tests.Compression;

public abstract class AllocationTests : ZlibBackendTestBase
{
    [Fact]
    public void Compressing_and_inflating_messages_allocates_nothing_per_message()
    {
        var random = new Random(42);
        byte[][] messages = [.. Enumerable.Range(0, 8).Select(i => Text(random, 2_000 + (i * 1_500)))];
        using var deflater = NewDeflater(15, noContextTakeover: false);
        using var inflater = NewInflater(peerNoContextTakeover: false);
        var compressed = new ArrayBufferWriter<byte>(64 * 1024);
        var inflated = new ArrayBufferWriter<byte>(64 * 1024);
        RunAll(); // warm up: JIT, zlib's lazily allocated window, the writers' capacity

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 20; round++)
        {
            RunAll();
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);

        void RunAll()
        {
            foreach (byte[] message in messages)
            {
                compressed.ResetWrittenCount();
                inflated.ResetWrittenCount();
                deflater.Compress(message, compressed);
                InflateResult result = inflater.Inflate(compressed.WrittenSpan, true, inflated, message.Length);
                if (result.Status != InflateStatus.Ok || result.MessageBytes != message.Length)
                {
                    Assert.Fail($"round trip failed: {result.Status}");
                }
            }
        }
    }
}

public sealed class AllocationTestsOnZlibNg : AllocationTests
{
    protected override ZlibBackend Backend => ZlibBackend.DotNetZlibNg;
}

public sealed class AllocationTestsOnSystemZlib : AllocationTests
{
    protected override ZlibBackend Backend => ZlibBackend.System;
}
