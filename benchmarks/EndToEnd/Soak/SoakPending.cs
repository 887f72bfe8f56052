namespace MaoOcr.Benchmarks.EndToEnd.Soak;

/// <summary>A message sent and not yet answered; <see cref="Done"/> completes with true on its final answer, false when the connection ends first.</summary>
internal sealed class SoakPending(SoakMessage message)
{
    public SoakMessage Message { get; } = message;

    public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The final answer, once it came. Written by the connection's receive loop under its lock.</summary>
    public ServerAnswer? Final { get; set; }

    /// <summary>Counted as <see cref="SoakCases.NoAnswer"/> already: not counted again as abandoned when its connection is dropped.</summary>
    public bool GivenUp { get; set; }
}
