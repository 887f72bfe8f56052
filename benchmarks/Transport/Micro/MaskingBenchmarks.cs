using System.Buffers;
using BenchmarkDotNet.Attributes;
using MaoOcr.Testing.Buffers;
using MaoOcr.WebSockets.Framing;

namespace MaoOcr.Benchmarks.Transport.Micro;

/// <summary>Unmasking a payload from the pipe's sequence into the message buffer: one segment, and split at an odd offset.</summary>
[MemoryDiagnoser]
public class MaskingBenchmarks
{
    private const uint Key = 0x5A3C_96E1;

    private byte[] _destination = [];
    private ReadOnlySequence<byte> _oneSegment;
    private ReadOnlySequence<byte> _twoSegments;

    [Params(32, 4096, 65536)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        byte[] payload = new byte[Size];
        new Random(5).NextBytes(payload);
        _destination = new byte[Size];
        _oneSegment = new ReadOnlySequence<byte>(payload);
        _twoSegments = SegmentedSequence.TwoSegments(payload, Size / 2 + 1);
    }

    [Benchmark]
    public int UnmaskOneSegment() => Masking.Unmask(_oneSegment, _destination, Key, 0);

    [Benchmark]
    public int UnmaskTwoSegments() => Masking.Unmask(_twoSegments, _destination, Key, 0);
}
