namespace MaoOcr.Benchmarks.EndToEnd;

/// <summary>A pass of a series that was not started because the time limit would have cut it short.</summary>
/// <param name="Label">The run's label.</param>
/// <param name="Clients">The pass's client count.</param>
/// <param name="Skipped">Why: the seconds it needed and the seconds left.</param>
internal sealed record SkippedPass(string? Label, int Clients, string Skipped);
