using System.Runtime.InteropServices;

namespace MaoOcr.Inference.Onnx;

/// <summary>
/// glibc's malloc, which ONNX Runtime's CPU tensors come from when its arena is off. glibc keeps freed memory for reuse
/// (its mmap threshold rises to the largest block freed, up to 32 MiB), which is what makes a run fast: measured, pinning
/// the threshold so that every tensor was mapped fresh cost 30 million page faults and 2.7 times the CPU time per pass.
/// So the heap is left to do that, and <see cref="Trim"/> hands its free pages back when the engine goes idle.
/// </summary>
/// <remarks>Process-wide. Does nothing where the C library is not glibc (the call reports whether it took).</remarks>
public static partial class NativeHeap
{
    private const string LibC = "libc.so.6";

    /// <summary>
    /// Gives the free pages of glibc's heaps and arenas back to the system (<c>malloc_trim(0)</c>, which since glibc 2.8
    /// also releases whole free pages inside the heap, not just at its top).
    /// </summary>
    /// <returns>False where the C library is not glibc, or nothing was released.</returns>
    public static bool Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            return MallocTrim(0) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // musl and other C libraries: no malloc_trim, and none of our releases ships on them.
            return false;
        }
    }

    [LibraryImport(LibC, EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
