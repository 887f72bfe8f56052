namespace MaoOcr.Testing;

/// <summary>A ground-truth line and what the engine read there.</summary>
/// <param name="Truth">The line drawn.</param>
/// <param name="MatchedText">The predicted lines assigned to it, in reading order, joined by spaces; empty when none.</param>
/// <param name="MatchedCount">How many predicted lines were assigned to it.</param>
/// <param name="Edits">Edit distance between the truth and <paramref name="MatchedText"/>, whitespace removed.</param>
/// <param name="Length">Code points in the truth, whitespace removed.</param>
public sealed record LineMatch(GroundTruthLine Truth, string MatchedText, int MatchedCount, int Edits, int Length)
{
    /// <summary><see cref="Edits"/> / <see cref="Length"/>; see <see cref="TextMetrics.CharacterErrorRate"/>.</summary>
    public double Cer => TextMetrics.Rate(Edits, Length);
}
