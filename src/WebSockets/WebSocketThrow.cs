using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using MaoOcr.WebSockets.Framing;

namespace MaoOcr.WebSockets;

/// <summary>
/// Every throw of the WebSocket layer, one method per kind of error, so that hot methods stay small enough to inline
/// and the messages stay alike. Bad input from a peer is never thrown: parsers return a <see cref="FrameError"/>.
/// What is thrown here is a caller's mistake: a bad limit, a short buffer, a frame we must not send.
/// </summary>
internal static class WebSocketThrow
{
    /// <summary>Returns <paramref name="value"/> when it is within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is not.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long IfOutOfRange(long value, long min, long max, string name)
    {
        if (value < min || value > max)
        {
            OutOfRange(value, min, max, name);
        }
        return value;
    }

    /// <summary>
    /// Returns <paramref name="value"/> when it is positive or <see cref="Timeout.InfiniteTimeSpan"/> (which turns the
    /// timer off), as Kestrel's limits accept.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">It is zero, or negative other than infinite.</exception>
    public static TimeSpan IfNotPositiveOrInfinite(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            NotPositiveOrInfinite(value, name);
        }
        return value;
    }

    /// <summary>A mask offset was not 0 to 3.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void MaskOffsetOutOfRange(int maskOffset) =>
        throw new ArgumentOutOfRangeException(nameof(maskOffset), maskOffset, $"A mask offset is a payload position mod {WebSocketConstants.MaskLength}, 0 to 3; it was {maskOffset}.");

    /// <summary>A destination buffer cannot hold what must be written to it.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void DestinationTooShort(string name, long needed, int actual) =>
        throw new ArgumentException($"{name} needs room for {needed} bytes; it has {actual}.", name);

    /// <summary>Source and destination overlap other than exactly, so an in-order pass would read bytes it already wrote.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void PartialOverlap(string name) =>
        throw new ArgumentException($"{name} overlaps the source without starting at the same address; pass the same span to work in place.", name);

    /// <summary>We were asked to send a frame that RFC 6455 forbids.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void InvalidFrameToSend(string rule) =>
        throw new ArgumentException($"This frame must not be sent: {rule} (RFC 6455 §5).");

    /// <summary>We were asked to send a close status that may not appear on the wire.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void InvalidCloseStatusToSend(ushort statusCode) =>
        throw new ArgumentException($"Close status {statusCode} may not be sent; use 1000-1003, 1007-1014 or 3000-4999 (RFC 6455 §7.4).", nameof(statusCode));

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OutOfRange(long value, long min, long max, string name) =>
        throw new ArgumentOutOfRangeException(name, value, max is long.MaxValue or int.MaxValue
            ? $"{name} must be at least {min}; it was {value}."
            : $"{name} must be between {min} and {max}; it was {value}.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void NotPositiveOrInfinite(TimeSpan value, string name) =>
        throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive, or Timeout.InfiniteTimeSpan to turn it off; it was {value}.");
}
