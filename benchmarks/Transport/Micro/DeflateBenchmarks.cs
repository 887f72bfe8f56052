using BenchmarkDotNet.Attributes;
using MaoOcr.Benchmarks.Transport.Load;
using MaoOcr.WebSockets;
using MaoOcr.WebSockets.Compression;

namespace MaoOcr.Benchmarks.Transport.Micro;

/// <summary>
/// permessage-deflate on the load benchmark's text payloads: compressing a message (level 6, context takeover, as the
/// server sends) and inflating one (the client's, compressed without context takeover) into a reused message buffer.
/// </summary>
[MemoryDiagnoser]
public class DeflateBenchmarks
{
    private byte[] _message = [];
    private byte[] _compressed = [];
    private MessageDeflater _deflater = null!;
    private MessageInflater _inflater = null!;
    private readonly MessageBuffer _output = new();
    private readonly long _limit = new WebSocketLimits().MaxMessageBytes;

    [Params(4096, 65536)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _message = Payloads.Text(Size);
        _compressed = ClientFrame.Deflate(_message);
        _deflater = new MessageDeflater(PerMessageDeflate.MaxWindowBits, noContextTakeover: false);
        _inflater = new MessageInflater(peerNoContextTakeover: true);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _deflater.Dispose();
        _inflater.Dispose();
        _output.Dispose();
    }

    [Benchmark]
    public long Compress()
    {
        _output.Clear();
        return _deflater.Compress(_message, _output);
    }

    [Benchmark]
    public int Inflate()
    {
        _output.Clear();
        _ = _inflater.Inflate(_compressed, endOfMessage: true, _output, _limit);
        return _output.WrittenCount;
    }
}
