namespace MaoOcr.WebSockets.Compression;

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
