namespace MaoOcr.Testing;

/// <summary>How well one image was read; see <see cref="TextMetrics.ScorePage"/> for the definitions.</summary>
/// <param name="Edits">Character edits over the whole page, missing and extra text included.</param>
/// <param name="Characters">Code points in the ground truth, whitespace removed.</param>
/// <param name="TruthLines">Lines in the ground truth.</param>
/// <param name="RecalledLines">Ground-truth lines recalled (box overlap and CER within the limit).</param>
/// <param name="PredictedLines">Lines the engine returned.</param>
/// <param name="UnmatchedPredictedLines">Returned lines that overlap no ground-truth line (their text counts as insertions).</param>
public sealed record PageScore(int Edits, int Characters, int TruthLines, int RecalledLines, int PredictedLines, int UnmatchedPredictedLines)
{
    /// <summary>Page character error rate: <see cref="Edits"/> / <see cref="Characters"/>. Can exceed 1 when much extra text is read.</summary>
    public double Cer => TextMetrics.Rate(Edits, Characters);

    /// <summary><see cref="RecalledLines"/> / <see cref="TruthLines"/>; 1 for an image with no text.</summary>
    public double LineRecall => TruthLines == 0 ? 1.0 : (double)RecalledLines / TruthLines;
}
