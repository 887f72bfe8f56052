using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MaoOcr.WebSockets.Framing;

/// <summary>
/// XOR masking of payloads (RFC 6455 §5.3): byte <c>i</c> of a frame's payload is XORed with key byte <c>i mod 4</c>.
/// Masking and unmasking are the same operation. Vectorized with the widest hardware-accelerated width.
/// </summary>
/// <remarks>
/// A payload rarely arrives in one piece: it is split across pipe segments and across reads. Every method therefore
/// takes the <em>mask offset</em>, the payload position mod 4 of its first byte, and returns the offset for the byte
/// after its last, to pass to the next call for the same frame. A frame starts at offset 0.
/// The key is a <see cref="uint"/> in machine byte order, as <see cref="FrameHeader.MaskKey"/> holds it.
/// </remarks>
internal static class Masking
{
    /// <summary>Masks or unmasks <paramref name="buffer"/> in place.</summary>
    /// <param name="buffer">Payload bytes, from the frame position whose mask offset is <paramref name="maskOffset"/>.</param>
    /// <param name="mask">The masking key in machine byte order (<see cref="FrameHeader.MaskKey"/>).</param>
    /// <param name="maskOffset">Payload position mod 4 of the first byte, 0 to 3.</param>
    /// <returns>The mask offset for the byte after <paramref name="buffer"/>, 0 to 3.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maskOffset"/> is not 0 to 3.</exception>
    public static int Apply(Span<byte> buffer, uint mask, int maskOffset)
    {
        CheckOffset(maskOffset);
        ref byte start = ref MemoryMarshal.GetReference(buffer);
        Xor(ref start, ref start, (nuint)buffer.Length, RotateForOffset(mask, maskOffset));
        return (maskOffset + buffer.Length) & 3;
    }

    /// <summary>Masks or unmasks <paramref name="source"/> into <paramref name="destination"/>.</summary>
    /// <param name="source">Payload bytes, from the frame position whose mask offset is <paramref name="maskOffset"/>.</param>
    /// <param name="destination">Receives the result; at least as long as <paramref name="source"/>. It may be the
    /// same memory as <paramref name="source"/> but must not partly overlap it.</param>
    /// <param name="mask">The masking key in machine byte order.</param>
    /// <param name="maskOffset">Payload position mod 4 of the first byte, 0 to 3.</param>
    /// <returns>The mask offset for the byte after <paramref name="source"/>, 0 to 3.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maskOffset"/> is not 0 to 3.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short or partly overlaps <paramref name="source"/>.</exception>
    public static int Apply(ReadOnlySpan<byte> source, Span<byte> destination, uint mask, int maskOffset)
    {
        CheckOffset(maskOffset);
        CheckDestination(source, destination);
        Xor(ref MemoryMarshal.GetReference(source), ref MemoryMarshal.GetReference(destination), (nuint)source.Length, RotateForOffset(mask, maskOffset));
        return (maskOffset + source.Length) & 3;
    }

    /// <summary>
    /// Unmasks a payload piece straight out of the pipe's segments into <paramref name="destination"/>, carrying the
    /// key's rotation across segment boundaries.
    /// </summary>
    /// <param name="source">Masked payload bytes, from the frame position whose mask offset is <paramref name="maskOffset"/>.</param>
    /// <param name="destination">Receives the unmasked bytes; at least <c>source.Length</c> long and not overlapping it.</param>
    /// <param name="mask">The masking key in machine byte order.</param>
    /// <param name="maskOffset">Payload position mod 4 of the first byte, 0 to 3.</param>
    /// <returns>The mask offset for the byte after <paramref name="source"/>, 0 to 3: pass it with the frame's next piece.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maskOffset"/> is not 0 to 3.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public static int Unmask(ReadOnlySequence<byte> source, Span<byte> destination, uint mask, int maskOffset)
    {
        CheckOffset(maskOffset);
        if (source.Length > destination.Length)
        {
            WebSocketThrow.DestinationTooShort(nameof(destination), source.Length, destination.Length);
        }
        if (source.IsSingleSegment)
        {
            return Apply(source.FirstSpan, destination, mask, maskOffset);
        }
        foreach (ReadOnlyMemory<byte> segment in source)
        {
            ReadOnlySpan<byte> span = segment.Span;
            maskOffset = Apply(span, destination, mask, maskOffset);
            destination = destination.Slice(span.Length);
        }
        return maskOffset;
    }

    /// <summary>
    /// The key as it applies from payload position <paramref name="maskOffset"/>: rotated so that its first byte in
    /// memory is key byte <paramref name="maskOffset"/>. Every vector width is a multiple of 4 bytes, so one rotated key
    /// serves a whole call.
    /// </summary>
    internal static uint RotateForOffset(uint mask, int maskOffset)
    {
        int bits = (maskOffset & 3) * 8;
        return BitConverter.IsLittleEndian ? BitOperations.RotateRight(mask, bits) : BitOperations.RotateLeft(mask, bits);
    }

    private static void Xor(ref byte source, ref byte destination, nuint length, uint rotatedMask)
    {
        nuint done = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            done = XorVector512(ref source, ref destination, length, rotatedMask, done);
        }
        if (Vector256.IsHardwareAccelerated)
        {
            done = XorVector256(ref source, ref destination, length, rotatedMask, done);
        }
        if (Vector128.IsHardwareAccelerated)
        {
            done = XorVector128(ref source, ref destination, length, rotatedMask, done);
        }
        XorScalar(ref source, ref destination, length, rotatedMask, done);
    }

    // Each width XORs whole vectors from 'start' and returns where it stopped. They are internal so that the tests
    // run every width on any machine (an unaccelerated width still computes, just slowly). Each vector is loaded
    // before it is stored, so source and destination may be the same memory.

    /// <summary>XORs whole 64-byte vectors of <paramref name="length"/> bytes from <paramref name="start"/>; returns the index after the last.</summary>
    internal static nuint XorVector512(ref byte source, ref byte destination, nuint length, uint rotatedMask, nuint start)
    {
        nuint i = start;
        if (length - i >= (nuint)Vector512<byte>.Count)
        {
            Vector512<byte> key = Vector512.Create(rotatedMask).AsByte();
            nuint last = length - (nuint)Vector512<byte>.Count;
            do
            {
                (Vector512.LoadUnsafe(ref source, i) ^ key).StoreUnsafe(ref destination, i);
                i += (nuint)Vector512<byte>.Count;
            }
            while (i <= last);
        }
        return i;
    }

    /// <summary>XORs whole 32-byte vectors of <paramref name="length"/> bytes from <paramref name="start"/>; returns the index after the last.</summary>
    internal static nuint XorVector256(ref byte source, ref byte destination, nuint length, uint rotatedMask, nuint start)
    {
        nuint i = start;
        if (length - i >= (nuint)Vector256<byte>.Count)
        {
            Vector256<byte> key = Vector256.Create(rotatedMask).AsByte();
            nuint last = length - (nuint)Vector256<byte>.Count;
            do
            {
                (Vector256.LoadUnsafe(ref source, i) ^ key).StoreUnsafe(ref destination, i);
                i += (nuint)Vector256<byte>.Count;
            }
            while (i <= last);
        }
        return i;
    }

    /// <summary>XORs whole 16-byte vectors of <paramref name="length"/> bytes from <paramref name="start"/>; returns the index after the last.</summary>
    internal static nuint XorVector128(ref byte source, ref byte destination, nuint length, uint rotatedMask, nuint start)
    {
        nuint i = start;
        if (length - i >= (nuint)Vector128<byte>.Count)
        {
            Vector128<byte> key = Vector128.Create(rotatedMask).AsByte();
            nuint last = length - (nuint)Vector128<byte>.Count;
            do
            {
                (Vector128.LoadUnsafe(ref source, i) ^ key).StoreUnsafe(ref destination, i);
                i += (nuint)Vector128<byte>.Count;
            }
            while (i <= last);
        }
        return i;
    }

    /// <summary>XORs the bytes from <paramref name="start"/> to <paramref name="length"/>: 8 at a time, then one at a time.</summary>
    internal static void XorScalar(ref byte source, ref byte destination, nuint length, uint rotatedMask, nuint start)
    {
        nuint i = start;
        // 'start' is a multiple of 4, so the rotated key still lines up with position i.
        ulong key64 = ((ulong)rotatedMask << 32) | rotatedMask;
        for (; length - i >= sizeof(ulong); i += sizeof(ulong))
        {
            ulong value = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, i)) ^ key64;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, i), value);
        }
        // Key byte j in memory order, whatever the machine's endianness.
        ref byte key = ref Unsafe.As<uint, byte>(ref rotatedMask);
        for (; i < length; i++)
        {
            Unsafe.Add(ref destination, i) = (byte)(Unsafe.Add(ref source, i) ^ Unsafe.Add(ref key, (nint)(i & 3)));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckOffset(int maskOffset)
    {
        if ((uint)maskOffset >= WebSocketConstants.MaskLength)
        {
            WebSocketThrow.MaskOffsetOutOfRange(maskOffset);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckDestination(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.Length > destination.Length)
        {
            WebSocketThrow.DestinationTooShort(nameof(destination), source.Length, destination.Length);
        }
        if (source.Overlaps(destination, out int elementOffset) && elementOffset != 0)
        {
            WebSocketThrow.PartialOverlap(nameof(destination));
        }
    }
}
