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
