namespace MaoOcr.Benchmarks.EndToEnd.Soak;

/// <summary>
/// The soak's weighted mix. Good requests dominate, as on a real appliance; bad inputs and pings are cheap, so they are
/// frequent enough to be exercised thousands of times; cancels and vanishes each come about once in 16 actions, so
/// connections keep coming and going all through the run.
/// </summary>
internal static class SoakMix
{
    private static readonly (SoakAction Action, int Weight)[] s_weights =
    [
        (SoakAction.Good, 30),
        (SoakAction.GoodText, 10),
        (SoakAction.Burst, 8),
        (SoakAction.Batch, 5),
        (SoakAction.BatchText, 3),
        (SoakAction.Bad, 22),
        (SoakAction.Ping, 10),
        (SoakAction.Cancel, 6),
        (SoakAction.Vanish, 6),
    ];

    private static readonly int s_total = s_weights.Sum(w => w.Weight);

    public static SoakAction Draw(Random random)
    {
        int pick = random.Next(s_total);
        foreach ((SoakAction action, int weight) in s_weights)
        {
            if (pick < weight)
            {
                return action;
            }
            pick -= weight;
        }
        throw new InvalidOperationException("unreachable: the weights cover the whole range");
    }

    /// <summary>The mix as "action weight" pairs, for the report.</summary>
    public static string Describe() => string.Join(", ", s_weights.Select(w => $"{w.Action} {w.Weight}"));
}
