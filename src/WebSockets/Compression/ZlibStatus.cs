namespace MaoOcr.WebSockets.Compression;

/// <summary>zlib's return codes (zlib.h).</summary>
public enum ZlibStatus
{
    Ok = 0,
    StreamEnd = 1,
    NeedDictionary = 2,
    Errno = -1,
    StreamError = -2,
    DataError = -3,
    MemoryError = -4,
    BufferError = -5,
    VersionError = -6,
}

/// <summary>zlib's flush values (zlib.h).</summary>
internal enum ZlibFlush
{
    NoFlush = 0,
    SyncFlush = 2,

    /// <summary>Deflate: a sync flush that also forgets every earlier byte, so the next data is compressed as if the stream were new.</summary>
    FullFlush = 3,

    /// <summary>Inflate: stop at the next block boundary, and say so in <c>data_type</c>.</summary>
    Block = 5,
}
