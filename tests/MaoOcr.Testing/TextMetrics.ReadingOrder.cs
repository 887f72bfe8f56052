namespace MaoOcr.Testing;

public static partial class TextMetrics
{
    /// <summary>
    /// Reading-order accuracy: how often a reader who finishes one item goes on to the item that truly follows it.
    /// <para>
    /// Both orders are first restricted to the items they share (an item found twice in
    /// <paramref name="predictedOrder"/> counts where it first appears). The result is the fraction of adjacent
    /// pairs (a, b) of the restricted truth order in which b comes directly after a in the restricted prediction;
    /// 1 when fewer than two items are shared. Pairs must be adjacent, not merely in order: reading a two-column page
    /// row by row across the columns keeps every column's lines in their relative order (so that measure scores it
    /// 10 of 11 on two columns of six lines), but it breaks almost every transition, and this scores it 0.
    /// </para>
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="truthOrder"/> holds an item twice.</exception>
    public static double ReadingOrderAccuracy<T>(IReadOnlyList<T> truthOrder, IReadOnlyList<T> predictedOrder)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(truthOrder);
        ArgumentNullException.ThrowIfNull(predictedOrder);
        var truthRank = new Dictionary<T, int>(truthOrder.Count);
        foreach (T item in truthOrder)
        {
            if (!truthRank.TryAdd(item, truthRank.Count))
            {
                throw new ArgumentException($"The truth order holds {item} twice.", nameof(truthOrder));
            }
        }
        var seen = new HashSet<T>();
        var predicted = new List<int>(predictedOrder.Count);
        foreach (T item in predictedOrder)
        {
            if (truthRank.TryGetValue(item, out int rank) && seen.Add(item))
            {
                predicted.Add(rank);
            }
        }
        return SuccessorAccuracy(predicted);
    }

    /// <summary>
    /// <see cref="ReadingOrderAccuracy{T}(IReadOnlyList{T}, IReadOnlyList{T})"/> of an engine's lines against what was
    /// drawn: <paramref name="truth"/> is in reading order, <paramref name="predicted"/> in the order the engine
    /// returned, and each predicted line stands for the ground-truth line <see cref="MatchLines"/> assigns it to (a
    /// line read in pieces counts where its first piece is). Lines not found and predictions assigned to no line
    /// are left out, so this measures the order only; recall and CER measure the rest.
    /// </summary>
    public static double ReadingOrderAccuracy(IReadOnlyList<GroundTruthLine> truth, IReadOnlyList<PredictedLine> predicted)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        var seen = new bool[truth.Count];
        var order = new List<int>(predicted.Count);
        foreach (PredictedLine line in predicted)
        {
            int t = AssignedTruth(truth, line);
            if (t >= 0 && !seen[t])
            {
                seen[t] = true;
                order.Add(t);
            }
        }
        return SuccessorAccuracy(order);
    }

    /// <summary>Given truth ranks in predicted order (each once), the fraction of consecutive ranks that follow each other.</summary>
    private static double SuccessorAccuracy(List<int> ranks)
    {
        if (ranks.Count < 2)
        {
            return 1.0;
        }
        // Renumber to 0..n-1 so that truth neighbours among the shared items differ by one.
        int[] sorted = [.. ranks];
        Array.Sort(sorted);
        int correct = 0;
        int previous = Array.BinarySearch(sorted, ranks[0]);
        for (int i = 1; i < ranks.Count; i++)
        {
            int current = Array.BinarySearch(sorted, ranks[i]);
            if (current == previous + 1)
            {
                correct++;
            }
            previous = current;
        }
        return (double)correct / (ranks.Count - 1);
    }
}
