namespace MaoOcr.Testing;

public static partial class TextMetrics
{
    /// <summary>The largest line CER at which a line still counts as recalled: one wrong character in five.</summary>
    public const double DefaultRecallMaxCer = 0.2;

    /// <summary>The smallest box IoU at which a predicted line overlaps a ground-truth line, the usual detection threshold.</summary>
    public const float MinOverlapIou = 0.5f;

    /// <summary>
    /// Whether a predicted box covers a ground-truth box: their IoU is at least <see cref="MinOverlapIou"/>, or the
    /// centre of either lies inside the other. IoU is taken between the quads themselves, which equals the IoU of
    /// the axis-aligned bounds for upright boxes and, unlike it, does not make neighbouring lines overlap on a
    /// rotated or warped page. The centre rules catch a line read in pieces (each piece's centre is inside the
    /// line) and pieces read as one (each line's centre is inside the merged box).
    /// </summary>
    public static bool Overlaps(Quad truth, Quad predicted) =>
        truth.Contains(predicted.Centre) || predicted.Contains(truth.Centre) || truth.IntersectionOverUnion(predicted) >= MinOverlapIou;

    /// <summary>
    /// Assigns each predicted line to at most one ground-truth line: among those it <see cref="Overlaps"/>, the one
    /// that holds its centre, then the one with the highest IoU. Each ground-truth line's text is compared with its
    /// assigned lines joined in reading order. A line read in pieces is therefore whole again; a prediction spanning
    /// two lines counts against the one it was assigned to and leaves the other unread.
    /// </summary>
    public static LineMatchResult MatchLines(IReadOnlyList<GroundTruthLine> truth, IReadOnlyList<PredictedLine> predicted)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        var assigned = new List<PredictedLine>[truth.Count];
        var unmatched = new List<PredictedLine>();
        foreach (PredictedLine line in predicted)
        {
            int best = AssignedTruth(truth, line);
            if (best < 0)
            {
                unmatched.Add(line);
            }
            else
            {
                (assigned[best] ??= []).Add(line);
            }
        }

        var matches = new LineMatch[truth.Count];
        for (int t = 0; t < truth.Count; t++)
        {
            GroundTruthLine line = truth[t];
            List<PredictedLine> pieces = assigned[t] ?? [];
            string text = string.Join(' ', ReadingOrder.AlongLine(pieces, line.Box).Select(p => p.Text));
            int[] expected = CodePoints(line.Text);
            matches[t] = new LineMatch(line, text, pieces.Count, EditDistance(expected, CodePoints(text)), expected.Length);
        }
        return new LineMatchResult(matches, unmatched);
    }

    /// <summary>
    /// The fraction of ground-truth lines recalled: a line is recalled when at least one predicted line is assigned
    /// to it by <see cref="MatchLines"/> and the joined text's CER is at most <paramref name="maxCer"/>. 1 when there
    /// is no ground truth.
    /// </summary>
    public static double LineRecall(IReadOnlyList<GroundTruthLine> truth, IReadOnlyList<PredictedLine> predicted, double maxCer = DefaultRecallMaxCer)
    {
        ArgumentNullException.ThrowIfNull(truth);
        if (truth.Count == 0)
        {
            return 1.0;
        }
        return (double)CountRecalled(MatchLines(truth, predicted), maxCer) / truth.Count;
    }

    /// <summary>
    /// Scores one image.
    /// <para>
    /// Page CER: ground-truth and predicted lines are joined into groups wherever they <see cref="Overlaps"/>
    /// (connected components). Within a group, the ground-truth texts and the predicted texts are each put in
    /// reading order (rows along the text direction, then left to right) and concatenated, and the edit distance
    /// between them is counted. A ground-truth line in no group costs its full length (nothing was read there); a
    /// predicted line in no group costs its full length (text that is not on the page). Page CER is the sum of
    /// these edits over the non-whitespace code points of the ground truth. Grouping makes the score indifferent to
    /// how an engine cuts the page into lines — split lines and merged rows cost nothing if the characters are right
    /// — while reading order inside a group still penalises text read in the wrong place.
    /// </para>
    /// <para>Line recall: as <see cref="LineRecall"/>.</para>
    /// </summary>
    public static PageScore ScorePage(IReadOnlyList<GroundTruthLine> truth, IReadOnlyList<PredictedLine> predicted, double maxCer = DefaultRecallMaxCer)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);

        int total = truth.Count + predicted.Count;
        var groups = new DisjointSets(total);
        var linked = new bool[total];
        for (int t = 0; t < truth.Count; t++)
        {
            for (int p = 0; p < predicted.Count; p++)
            {
                if (Overlaps(truth[t].Box, predicted[p].Box))
                {
                    groups.Union(t, truth.Count + p);
                    linked[t] = linked[truth.Count + p] = true;
                }
            }
        }

        int edits = 0;
        int unmatchedPredicted = 0;
        var truthByGroup = new Dictionary<int, List<GroundTruthLine>>();
        var predictedByGroup = new Dictionary<int, List<PredictedLine>>();
        for (int t = 0; t < truth.Count; t++)
        {
            if (linked[t])
            {
                Bucket(truthByGroup, groups.Find(t)).Add(truth[t]);
            }
            else
            {
                edits += CountCharacters(truth[t].Text);
            }
        }
        for (int p = 0; p < predicted.Count; p++)
        {
            if (linked[truth.Count + p])
            {
                Bucket(predictedByGroup, groups.Find(truth.Count + p)).Add(predicted[p]);
            }
            else
            {
                edits += CountCharacters(predicted[p].Text);
                unmatchedPredicted++;
            }
        }

        foreach ((int group, List<GroundTruthLine> truthLines) in truthByGroup)
        {
            List<PredictedLine> predictedLines = predictedByGroup[group];
            IReadOnlyList<Quad> truthBoxes = truthLines.ConvertAll(l => l.Box);
            double angle = ReadingOrder.TextAngle(truthBoxes);
            float rowTolerance = ReadingOrder.RowTolerance(truthBoxes);
            string expected = string.Concat(ReadingOrder.Sort(truthLines, l => l.Box, angle, rowTolerance).Select(l => l.Text));
            string actual = string.Concat(ReadingOrder.Sort(predictedLines, l => l.Box, angle, rowTolerance).Select(l => l.Text));
            edits += EditDistance(expected, actual);
        }

        int characters = truth.Sum(l => CountCharacters(l.Text));
        int recalled = CountRecalled(MatchLines(truth, predicted), maxCer);
        return new PageScore(edits, characters, truth.Count, recalled, predicted.Count, unmatchedPredicted);
    }

    /// <summary>The ground-truth line <see cref="MatchLines"/> assigns <paramref name="line"/> to, or -1 for none.</summary>
    private static int AssignedTruth(IReadOnlyList<GroundTruthLine> truth, PredictedLine line)
    {
        int best = -1;
        double bestScore = double.NegativeInfinity;
        for (int t = 0; t < truth.Count; t++)
        {
            Quad box = truth[t].Box;
            if (!Overlaps(box, line.Box))
            {
                continue;
            }
            double score = box.IntersectionOverUnion(line.Box) + (box.Contains(line.Box.Centre) ? 1.0 : 0.0);
            if (score > bestScore)
            {
                (best, bestScore) = (t, score);
            }
        }
        return best;
    }

    private static int CountRecalled(LineMatchResult result, double maxCer) =>
        result.Lines.Count(m => m.MatchedCount > 0 && m.Cer <= maxCer);

    private static List<T> Bucket<T>(Dictionary<int, List<T>> buckets, int key)
    {
        if (!buckets.TryGetValue(key, out List<T>? list))
        {
            list = [];
            buckets[key] = list;
        }
        return list;
    }
}
