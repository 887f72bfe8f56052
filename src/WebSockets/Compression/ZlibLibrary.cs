using System.Runtime.InteropServices;

namespace MaoOcr.WebSockets.Compression;

/// <summary>
/// Chooses, once per process, which zlib compresses and decompresses (<see cref="Backend"/>), and loads the system
/// zlib, the fallback.
/// </summary>
internal static unsafe class ZlibLibrary
{
    // The cheapest stream to create: level 1, memory level 1, and 9, the smallest window zlib accepts for raw deflate.
    private const int ProbeLevel = 1;
    private const int ProbeWindowBits = 9;
    private const int ProbeMemoryLevel = 1;
    private const int ProbeOutputLength = 64;

    private static readonly (ZlibBackend Backend, string Reason) s_choice = Choose();
    private static string? s_systemVersion;

    /// <summary>
    /// The environment variable that, set to <c>system</c>, makes permessage-deflate use the system zlib: an operator's
    /// way out, and the benchmark's way to compare the two.
    /// </summary>
    public const string BackendVariable = "MAOOCR_ZLIB_BACKEND";

    /// <summary>
    /// The zlib that <see cref="MessageDeflater"/> and <see cref="MessageInflater"/> use: <see cref="ZlibBackend.DotNetZlibNg"/>
    /// when .NET's compression shim compresses a probe message and inflates it back as expected, otherwise (or when
    /// <see cref="BackendVariable"/> is <c>system</c>) <see cref="ZlibBackend.System"/>. Decided on first use.
    /// </summary>
    public static ZlibBackend Backend => s_choice.Backend;

    /// <summary>Why <see cref="Backend"/> is what it is, in a sentence for a log line or <c>maoocr version</c>.</summary>
    public static string BackendReason => s_choice.Reason;

    /// <summary>
    /// The system zlib's version string, e.g. "1.2.13", or "1.3.1.zlib-ng" for zlib-ng's compatible build (Fedora
    /// ships that as libz.so.1).
    /// </summary>
    /// <exception cref="ZlibException">libz.so.1 cannot be loaded, or its major version is not 1.</exception>
    public static string SystemVersion => s_systemVersion ??= LoadSystem();

    /// <summary>
    /// zlib-ng 2.0.x ignored windowBits below 13 at level 1 (zlib-ng/zlib-ng#1417, fixed by #1431 in 2.1.0), which
    /// would break a negotiated window. The system zlib's compatible build is recognised by its version string.
    /// .NET's own zlib-ng is past the fix: .NET 9 first bundled zlib-ng, at 2.2.1, and .NET 10.0.12 has 2.2.5.
    /// </summary>
    public static bool SystemIsZlibNg => SystemVersion.Contains("zlib-ng", StringComparison.Ordinal);

    /// <summary>
    /// The system zlib's version pointer the init functions want. They only compare its first character with their
    /// own, so passing the library's own string is always accepted; the layout check is the struct size we pass.
    /// </summary>
    public static byte* SystemVersionPointer
    {
        get
        {
            _ = SystemVersion;
            return ZlibNative.ZlibVersion();
        }
    }

    /// <summary>One line for <c>maoocr version</c>: the library used, the system zlib, and why.</summary>
    public static string Describe()
    {
        string system;
        try
        {
            system = $"zlib {SystemVersion} (libz.so.1)";
        }
        catch (ZlibException e)
        {
            system = $"unavailable: {e.Message}";
        }
        return Backend == ZlibBackend.DotNetZlibNg
            ? $"permessage-deflate: zlib-ng (libSystem.IO.Compression.Native of .NET {Environment.Version}); fallback {system}. {BackendReason}"
            : $"permessage-deflate: {system}. {BackendReason}";
    }

    /// <summary>
    /// Compresses a few bytes through the shim and checks that the sync flush ends them as zlib does, so that a
    /// chosen backend has done real work (in the Native AOT binary, through the statically linked shim). A library or
    /// entry point that is missing is the only failure expected (a JIT host without the shared framework's native files).
    /// </summary>
    private static (ZlibBackend, string) Choose()
    {
        const string Fallback = "using the system libz.so.1.";
        if (string.Equals(Environment.GetEnvironmentVariable(BackendVariable), "system", StringComparison.OrdinalIgnoreCase))
        {
            return (ZlibBackend.System, $"{BackendVariable}=system: {Fallback}");
        }
        try
        {
            ReadOnlySpan<byte> input = "permessage-deflate"u8;
            byte* output = stackalloc byte[ProbeOutputLength];
            PalZStream stream = default;
            ZlibStatus status = DotNetZlibNative.DeflateInit2(&stream, ProbeLevel, ZlibNative.Deflated, -ProbeWindowBits, ProbeMemoryLevel, ZlibNative.DefaultStrategy);
            int written = 0;
            if (status == ZlibStatus.Ok)
            {
                fixed (byte* inputPointer = input)
                {
                    stream.NextIn = inputPointer;
                    stream.AvailIn = (uint)input.Length;
                    stream.NextOut = output;
                    stream.AvailOut = ProbeOutputLength;
                    status = DotNetZlibNative.Deflate(&stream, ZlibFlush.SyncFlush);
                    written = ProbeOutputLength - (int)stream.AvailOut;
                    stream.NextIn = null;
                }
            }
            _ = DotNetZlibNative.DeflateEnd(&stream); // also frees the shim's z_stream after a failed init
            if (status != ZlibStatus.Ok || written < PerMessageDeflate.SyncFlushTrailerLength
                || !new ReadOnlySpan<byte>(output + written - PerMessageDeflate.SyncFlushTrailerLength, PerMessageDeflate.SyncFlushTrailerLength).SequenceEqual(PerMessageDeflate.SyncFlushTrailer))
            {
                return (ZlibBackend.System, $"libSystem.IO.Compression.Native failed a probe compression ({status}, {written} bytes); {Fallback}");
            }
            string? inflateProblem = ProbeInflate(output, written, input);
            if (inflateProblem is not null)
            {
                return (ZlibBackend.System, $"libSystem.IO.Compression.Native failed a probe decompression ({inflateProblem}); {Fallback}");
            }
            return (ZlibBackend.DotNetZlibNg, "Compressing and decompressing with .NET's bundled zlib-ng, the one ASP.NET Core's WebSocket compression uses.");
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return (ZlibBackend.System, $"libSystem.IO.Compression.Native could not be used ({e.GetType().Name}: {e.Message}); {Fallback}");
        }
    }

    /// <summary>
    /// Inflates the probe's output with Z_BLOCK: it must give back the input and, in the <c>data_type</c> read from the
    /// shim's own z_stream, report that it stopped at a block's end, which <see cref="MessageInflater"/> relies on.
    /// </summary>
    /// <returns>What went wrong, or null.</returns>
    private static string? ProbeInflate(byte* compressed, int length, ReadOnlySpan<byte> expected)
    {
        byte* output = stackalloc byte[ProbeOutputLength];
        PalZStream stream = default;
        ZlibStatus status = DotNetZlibNative.InflateInit2(&stream, -ProbeWindowBits);
        int produced = 0;
        int dataType = 0;
        if (status == ZlibStatus.Ok)
        {
            stream.NextIn = compressed;
            stream.AvailIn = (uint)length;
            stream.NextOut = output;
            stream.AvailOut = ProbeOutputLength;
            status = DotNetZlibNative.Inflate(&stream, ZlibFlush.Block);
            produced = ProbeOutputLength - (int)stream.AvailOut;
            dataType = ((ZStream*)stream.InternalState)->DataType;
        }
        _ = DotNetZlibNative.InflateEnd(&stream);
        if (status != ZlibStatus.Ok || !new ReadOnlySpan<byte>(output, produced).SequenceEqual(expected))
        {
            return $"{status}, {produced} bytes";
        }
        return (dataType & MessageInflater.DataTypeEndOfBlock) == 0 ? $"data_type {dataType} without the end-of-block flag" : null;
    }

    private static string LoadSystem()
    {
        byte* version = null;
        try
        {
            version = ZlibNative.ZlibVersion();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            CompressionThrow.ZlibUnavailable(e);
        }
        string text = Marshal.PtrToStringUTF8((nint)version) ?? "";
        if (!text.StartsWith('1'))
        {
            CompressionThrow.ZlibUnsupported(text);
        }
        return text;
    }
}
