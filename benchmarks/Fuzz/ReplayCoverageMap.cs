using System.Runtime.InteropServices;

namespace MaoOcr.Fuzz;

/// <summary>
/// A scratch coverage map for replays. The product assemblies in the fuzz output are instrumented: every branch writes
/// through SharpFuzz's map pointer, which only LibFuzzer.Run sets, so a replay without it would fault at the first
/// branch. The map's contents are never read.
/// </summary>
internal static unsafe class ReplayCoverageMap
{
    /// <summary>The size SharpFuzz's instrumentation indexes: 64 KiB.</summary>
    private const int MapBytes = 1 << 16;

    /// <summary>Points the instrumentation at a zeroed map of its own, once; harmless in a build that is not instrumented.</summary>
    public static void Install()
    {
        if (SharpFuzz.Common.Trace.SharedMem == null)
        {
            SharpFuzz.Common.Trace.SharedMem = (byte*)NativeMemory.AllocZeroed(MapBytes);
        }
    }
}
