using System.Buffers;

namespace MaoOcr.Appliance.Protocol;

/// <summary>One image's bytes, in a buffer rented from the shared pool. Dispose returns it.</summary>
public sealed class ImagePayload : IDisposable
{
    private byte[]? _buffer;

    private ImagePayload(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    /// <summary>The encoded image.</summary>
    /// <exception cref="ObjectDisposedException">After Dispose.</exception>
    public ReadOnlyMemory<byte> Memory => (_buffer ?? throw new ObjectDisposedException(nameof(ImagePayload))).AsMemory(0, Length);

    /// <summary>Rents a buffer of at least <paramref name="capacity"/> bytes to fill before <see cref="Adopt"/>.</summary>
    internal static byte[] RentBuffer(int capacity) => ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 1));

    /// <summary>Gives back a buffer from <see cref="RentBuffer"/> that was not adopted.</summary>
    internal static void ReturnBuffer(byte[] buffer) => ArrayPool<byte>.Shared.Return(buffer);

    /// <summary>Takes ownership of a buffer from <see cref="RentBuffer"/> holding <paramref name="length"/> bytes.</summary>
    internal static ImagePayload Adopt(byte[] buffer, int length) => new(buffer, length);

    public static ImagePayload Copy(ReadOnlySpan<byte> bytes)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(bytes.Length, 1));
        bytes.CopyTo(buffer);
        return new ImagePayload(buffer, bytes.Length);
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
