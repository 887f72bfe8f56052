using System.Buffers;
using BenchmarkDotNet.Attributes;
using MaoOcr.Benchmarks.Transport.Load;
using MaoOcr.Testing.Buffers;
using MaoOcr.WebSockets;
using MaoOcr.WebSockets.Framing;

namespace MaoOcr.Benchmarks.Transport.Micro;

/// <summary>
/// Frame header parse (straight from a <see cref="ReadOnlySequence{T}"/>, in one segment and split inside the header
/// across two) and frame header write, for a 4 KiB masked client frame.
/// </summary>
[MemoryDiagnoser]
public class FrameBenchmarks
{
    private readonly FrameRules _rules = FrameRules.ForServer(new WebSocketLimits(), allowRsv1: true);
    private readonly byte[] _header = new byte[WebSocketConstants.MaxHeaderLength];
    private ReadOnlySequence<byte> _oneSegment;
    private ReadOnlySequence<byte> _splitHeader;

    [GlobalSetup]
    public void Setup()
    {
        byte[] frame = ClientFrame.Build(Payloads.Text(4096), compressed: false);
        _oneSegment = new ReadOnlySequence<byte>(frame);
        // 126-length header with mask: 8 bytes; the split falls between the length and the key.
        _splitHeader = SegmentedSequence.TwoSegments(frame, 3);
    }

    [Benchmark]
    public long ParseHeaderOneSegment() => Parse(_oneSegment);

    [Benchmark]
    public long ParseHeaderSplitAcrossSegments() => Parse(_splitHeader);

    [Benchmark]
    public int WriteServerHeader4KiB() => FrameHeaderWriter.Write(_header, WebSocketOpcode.Text, fin: true, rsv1: false, 4096, mask: null);

    private long Parse(ReadOnlySequence<byte> sequence)
    {
        var reader = new SequenceReader<byte>(sequence);
        FrameParseStatus status = FrameHeaderParser.TryParse(ref reader, _rules, out FrameHeader header, out _);
        return status == FrameParseStatus.Complete ? header.PayloadLength + reader.Consumed : -1;
    }
}
