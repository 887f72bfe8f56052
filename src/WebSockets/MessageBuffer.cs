using System.Buffers;

namespace MaoOcr.WebSockets;

/// <summary>
/// A growable <see cref="IBufferWriter{T}"/> over one <see cref="ArrayPool{T}"/> array, reused message after message, so
/// that receiving a message allocates nothing once the buffer has grown to the connection's usual message size.
/// </summary>
/// <remarks>Not thread-safe; one owner. A buffer grown past <see cref="RetainedBytes"/> is given back when cleared, so an idle
/// connection does not keep a 16 MiB array after one large message.</remarks>
internal sealed class MessageBuffer : IBufferWriter<byte>, IDisposable
{
    /// <summary>The first array rented: a PipeWriter's default segment size.</summary>
    private const int MinimumBytes = 4096;

    /// <summary>Largest array kept across <see cref="Clear"/>: 1 MiB holds a typical request image, and bounds what an idle connection keeps.</summary>
    public const int RetainedBytes = 1024 * 1024;

    private byte[] _buffer = [];
    private int _written;

    /// <summary>Bytes written since the last <see cref="Clear"/>.</summary>
    public int WrittenCount => _written;

    /// <summary>Bytes that can be written before the buffer must grow.</summary>
    public int FreeCapacity => _buffer.Length - _written;

    /// <summary>The buffer's size; for tests.</summary>
    internal int Capacity => _buffer.Length;

    /// <summary>The bytes written; valid until the next write or <see cref="Clear"/>.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    /// <summary>The bytes written; valid until the next write or <see cref="Clear"/>.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>Forgets the bytes written; gives an oversized array back to the pool.</summary>
    public void Clear()
    {
        _written = 0;
        if (_buffer.Length > RetainedBytes)
        {
            ReturnBuffer();
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or beyond the last span handed out.</exception>
    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _written))
        {
            ConnectionThrow.AdvancedTooFar(count, _buffer.Length - _written);
        }
        _written += count;
    }

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_written);
    }

    public void Dispose()
    {
        _written = 0;
        ReturnBuffer();
    }

    private void Reserve(int sizeHint)
    {
        int needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }
        long size = Math.Max(Math.Max((long)_buffer.Length * 2, MinimumBytes), (long)_written + needed);
        if (size > Array.MaxLength)
        {
            size = Math.Max(Array.MaxLength, (long)_written + needed);
        }
        if (size > Array.MaxLength)
        {
            ConnectionThrow.MessageBufferFull((long)_written + needed);
        }
        byte[] larger = ArrayPool<byte>.Shared.Rent((int)size);
        _buffer.AsSpan(0, _written).CopyTo(larger);
        ReturnBuffer();
        _buffer = larger;
    }

    private void ReturnBuffer()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
        _buffer = [];
    }
}
