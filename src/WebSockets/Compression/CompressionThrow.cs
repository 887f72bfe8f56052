using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace MaoOcr.WebSockets.Compression;

/// <summary>
/// Every throw of the compression code, one method per kind of error, so the hot methods stay small and the
/// messages stay alike. Bad input from a peer is never thrown: negotiation declines and inflation returns a status.
/// </summary>
internal static class CompressionThrow
{
    /// <summary>Returns <paramref name="value"/> when it is within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is not.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IfOutOfRange(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            OutOfRange(value, min, max, name);
        }
        return value;
    }

    /// <summary>Returns <paramref name="value"/> when it is at least <paramref name="min"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is not.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long IfLessThan(long value, long min, string name)
    {
        if (value < min)
        {
            OutOfRange(value, min, long.MaxValue, name);
        }
        return value;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OutOfRange(long value, long min, long max, string name) =>
        throw new ArgumentOutOfRangeException(name, value, max == long.MaxValue || max == int.MaxValue
            ? $"{name} must be at least {min}; it was {value}."
            : $"{name} must be between {min} and {max}; it was {value}.");

    /// <summary>zlib returned an error, with its <c>msg</c> when it set one.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Zlib(ZlibStatus status, string function, string? nativeMessage) =>
        throw new ZlibException(status, function, nativeMessage);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ZlibUnavailable(Exception inner) =>
        throw new ZlibException("libz.so.1 could not be loaded; without .NET's zlib-ng, permessage-deflate needs the system zlib (package zlib1g on Debian and JetPack).", inner);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ZlibUnsupported(string version) =>
        throw new ZlibException($"libz.so.1 reports version \"{version}\"; this binding needs zlib 1.x.");

    /// <summary>A sync flush did not end with the empty stored block, which zlib always writes: the stream is not in the state we left it.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void MissingSyncFlushTrailer() =>
        throw new ZlibException("deflate's sync flush did not end with 00 00 FF FF.");

    /// <summary>An earlier call failed or refused a message part-way, so the compression state no longer matches the peer's.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Broken(string type) =>
        throw new InvalidOperationException($"This {type} failed or refused a message earlier; its state no longer matches the peer's. Close the connection.");
}
