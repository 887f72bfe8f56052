namespace MaoOcr.Documents.Sandbox;

/// <summary>How a tool run ended.</summary>
public enum ToolOutcome
{
    /// <summary>It exited by itself; <see cref="ToolResult.ExitCode"/> says how.</summary>
    Exited,

    /// <summary>It ran past <see cref="ToolLimits.WallTime"/> and was killed.</summary>
    TimedOut,

    /// <summary>It wrote more than <see cref="ToolLimits.MaxOutputBytes"/> and was killed.</summary>
    OutputTooLarge,

    /// <summary>The caller's token was cancelled and it was killed.</summary>
    Cancelled,
}
