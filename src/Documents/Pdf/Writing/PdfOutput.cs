using System.Security.Cryptography;

namespace MaoOcr.Documents.Pdf.Writing;

/// <summary>
/// The file being written: a write-only stream over the caller's stream that counts bytes (for the cross-reference
/// table's offsets, without needing a seekable stream) and hashes them (for a deterministic /ID).
/// </summary>
internal sealed class PdfOutput : Stream
{
    private readonly Stream _inner;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _position;

    public PdfOutput(Stream inner)
    {
        _inner = inner;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _position;

    /// <summary>Bytes written so far; setting it is not supported.</summary>
    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _inner.Write(buffer);
        _hash.AppendData(buffer);
        _position += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    /// <summary>The SHA-256 of everything written so far.</summary>
    public byte[] HashSoFar() => _hash.GetCurrentHash();

    public override void Flush() => _inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose(); // the caller's stream is the caller's to close
        }
        base.Dispose(disposing);
    }
}
