namespace MaoOcr.WebSockets.Compression;

/// <summary>
/// zlib failed in a way that is not the peer's fault: out of memory, a library that cannot be loaded or is too
/// old, or a misuse of the stream. Corrupt input from a peer is never thrown; it is an <see cref="InflateStatus"/>.
/// </summary>
public sealed class ZlibException : Exception
{
    public ZlibException(string message) : base(message) { }

    public ZlibException(string message, Exception innerException) : base(message, innerException) { }

    internal ZlibException(ZlibStatus status, string function, string? nativeMessage)
        : base($"zlib {function} failed with {status} ({(int)status}){(nativeMessage is null ? "" : ": " + nativeMessage)}.")
    {
        Status = status;
        NativeMessage = nativeMessage;
    }

    /// <summary>zlib's return code; <see cref="ZlibStatus.Ok"/> when the library could not be used at all.</summary>
    public ZlibStatus Status { get; }

    /// <summary>zlib's <c>msg</c>, when it set one.</summary>
    public string? NativeMessage { get; }
}
