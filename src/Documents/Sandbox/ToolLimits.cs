namespace MaoOcr.Documents.Sandbox;

/// <summary>What one run of an external tool may use. The kernel enforces memory and CPU; the runner enforces wall time and output.</summary>
/// <param name="WallTime">Killed (with its children) when it runs longer.</param>
/// <param name="MemoryBytes">Its address space (RLIMIT_AS): allocations past it fail inside the tool, which then exits.</param>
/// <param name="MaxOutputBytes">Killed when its standard output grows past this.</param>
public sealed record ToolLimits(TimeSpan WallTime, long MemoryBytes, long MaxOutputBytes)
{
    /// <summary>Open files (RLIMIT_NOFILE). 64: a PDF tool needs its input, its output, fonts and a few libraries.</summary>
    public const int MaxOpenFiles = 64;

    /// <summary>Largest file the tool may write (RLIMIT_FSIZE). 0: our tools write to pipes only, never to files.</summary>
    public const int MaxFileBytes = 0;
}
