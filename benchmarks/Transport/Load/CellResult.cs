namespace MaoOcr.Benchmarks.Transport.Load;

/// <summary>One cell of the matrix: one target, one message size, one connection count, one repeat.</summary>
internal sealed record CellResult(string Target, int Size, int Connections, int Repeat, long Messages, TimeSpan Elapsed, ServerStats Before, ServerStats After)
{
    public double MessagesPerSecond => Messages / Elapsed.TotalSeconds;

    /// <summary>Payload bytes echoed per second, one direction, uncompressed, in 10^6 bytes.</summary>
    public double MegabytesPerSecond => MessagesPerSecond * Size / 1e6;

    /// <summary>Bytes the server process allocated per echoed message.</summary>
    public double AllocatedBytesPerMessage => Messages == 0 ? double.NaN : (double)(After.AllocatedBytes - Before.AllocatedBytes) / Messages;

    /// <summary>Server CPU time (user + system) per echoed message, in microseconds.</summary>
    public double CpuMicrosecondsPerMessage => Messages == 0 ? double.NaN : (After.CpuMilliseconds - Before.CpuMilliseconds) * 1000 / Messages;
}
