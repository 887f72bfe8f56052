namespace MaoOcr.Client;

/// <summary>
/// The reconnect schedule of docs/protocol.md: wait <c>base</c> before the first attempt and double it for each further
/// one, up to <c>max</c> (1, 2, 4, 8, 16 s, then 30 s by default), each wait spread by ±jitter and never over <c>max</c>.
/// </summary>
public static class ReconnectBackoff
{
    /// <summary>The wait before attempt <paramref name="attempt"/> without jitter: base × 2^(attempt−1), at most max.</summary>
    /// <param name="attempt">1 for the first reconnect attempt.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempt"/> is under 1.</exception>
    public static TimeSpan NominalDelay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        // Past 2^31 ticks doubling would overflow; by then the cap applies anyway.
        double ticks = baseDelay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 62));
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// The wait before attempt <paramref name="attempt"/>: the nominal delay scaled by a factor in
    /// [1 − jitter, 1 + jitter] picked by <paramref name="unitRandom"/>, then capped at the maximum.
    /// </summary>
    /// <param name="attempt">1 for the first reconnect attempt.</param>
    /// <param name="unitRandom">A number in [0, 1): 0 gives the shortest wait, values near 1 the longest.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempt"/> is under 1 or <paramref name="unitRandom"/> outside [0, 1].</exception>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double jitter, double unitRandom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(unitRandom, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(unitRandom, 1.0);
        TimeSpan nominal = NominalDelay(attempt, baseDelay, maxDelay);
        double factor = 1 + (jitter * ((2 * unitRandom) - 1));
        long ticks = (long)Math.Round(nominal.Ticks * factor);
        return TimeSpan.FromTicks(Math.Min(ticks, maxDelay.Ticks));
    }

    /// <summary>The wait before <paramref name="attempt"/> with the options' schedule and random source.</summary>
    public static TimeSpan Delay(int attempt, MaoOcrClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Delay(attempt, options.ReconnectBaseDelay, options.ReconnectMaxDelay, options.ReconnectJitter, options.Random.NextDouble());
    }
}
