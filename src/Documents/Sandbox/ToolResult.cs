namespace MaoOcr.Documents.Sandbox;

/// <summary>What a tool run produced.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="ExitCode">Its exit code when <see cref="ToolOutcome.Exited"/>; 128 + the signal when the kernel killed it (a memory or CPU limit).</param>
/// <param name="Output">Its standard output, whole (up to the limit).</param>
/// <param name="Errors">The start of its standard error, for messages and logs.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record ToolResult(ToolOutcome Outcome, int ExitCode, byte[] Output, string Errors, TimeSpan Elapsed)
{
    public bool Succeeded => Outcome == ToolOutcome.Exited && ExitCode == 0;
}
