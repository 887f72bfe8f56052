namespace MaoOcr.WebSockets.Compression;

/// <summary>The outcome of one <see cref="MessageInflater"/> call.</summary>
public readonly struct InflateResult
{
    internal InflateResult(InflateStatus status, long bytesWritten, long messageBytes)
    {
        Status = status;
        BytesWritten = bytesWritten;
        MessageBytes = messageBytes;
    }

    public InflateStatus Status { get; }

    /// <summary>Inflated bytes this call gave the writer.</summary>
    public long BytesWritten { get; }

    /// <summary>Inflated bytes of the current message so far, this call included; after a refusal, at most the limit plus one.</summary>
    public long MessageBytes { get; }
}
