using System.Buffers;

namespace MaoOcr.Appliance.Core;

/// <summary>One encoded image's bytes, in a buffer rented from the shared pool. Dispose returns it.</summary>
/// <remarks>
/// Readers fill a buffer from <see cref="RentBuffer"/> straight from the socket or the base64 decoder, then hand it over
/// with <see cref="FromRentedBuffer"/>: the image is never copied again on its way to the decoder.
/// </remarks>
public sealed class OcrImage : IDisposable
{
    private byte[]? _buffer;

    private OcrImage(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    /// <summary>The image's size in bytes.</summary>
    public int Length { get; }

    /// <summary>The encoded image.</summary>
    /// <exception cref="ObjectDisposedException">After Dispose.</exception>
    public ReadOnlyMemory<byte> Memory => (_buffer ?? throw new ObjectDisposedException(nameof(OcrImage))).AsMemory(0, Length);

    /// <summary>Rents a buffer of at least <paramref name="capacity"/> bytes to fill before <see cref="FromRentedBuffer"/>.</summary>
    public static byte[] RentBuffer(int capacity) => ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 1));

    /// <summary>Gives back a buffer from <see cref="RentBuffer"/> that did not become an image.</summary>
    public static void ReturnBuffer(byte[] buffer) => ArrayPool<byte>.Shared.Return(buffer);

    /// <summary>Takes ownership of a buffer from <see cref="RentBuffer"/> whose first <paramref name="length"/> bytes are the image.</summary>
    public static OcrImage FromRentedBuffer(byte[] buffer, int length)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)length, (uint)buffer.Length, nameof(length));
        return new OcrImage(buffer, length);
    }

    /// <summary>An image copied from <paramref name="bytes"/> into a pooled buffer.</summary>
    public static OcrImage Copy(ReadOnlySpan<byte> bytes)
    {
        byte[] buffer = RentBuffer(bytes.Length);
        bytes.CopyTo(buffer);
        return new OcrImage(buffer, bytes.Length);
    }

    public void Dispose()
    {
        byte[]? buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
