namespace MaoOcr.Inference.Batching;

/// <summary>How one model's calls from concurrent requests are gathered into batches.</summary>
public sealed record ModelBatchPolicy
{
    /// <summary>Largest batch, counted in the items' weight (images for detection, crops for recognition). At least 1.</summary>
    public int MaxBatch { get; init; } = 1;

    /// <summary>
    /// How long the oldest queued item may wait for a fuller batch while a runner is free. Zero runs whatever is
    /// queued at once, so a batch forms only from calls that arrived while every runner was busy: no added latency.
    /// At most one second.
    /// </summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.Zero;

    /// <summary>Batches that may run at once, each on a runner thread of its own. At least 1.</summary>
    public int Runners { get; init; } = 1;

    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range; the message names it.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatch, 1, nameof(MaxBatch));
        ArgumentOutOfRangeException.ThrowIfLessThan(Runners, 1, nameof(Runners));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxWait, TimeSpan.Zero, nameof(MaxWait));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxWait, TimeSpan.FromSeconds(1), nameof(MaxWait));
    }
}
