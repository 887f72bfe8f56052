namespace MaoOcr.Testing;

/// <summary>Every ground-truth line with what was read there, and the predicted lines assigned to no ground-truth line.</summary>
public sealed record LineMatchResult(IReadOnlyList<LineMatch> Lines, IReadOnlyList<PredictedLine> Unmatched);
