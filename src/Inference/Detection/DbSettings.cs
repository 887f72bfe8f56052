namespace MaoOcr.Inference.Detection;

/// <summary>Thresholds of DB post-processing (PaddleOCR's names in brackets).</summary>
internal readonly record struct DbSettings(float BinaryThreshold, float BoxThreshold, float UnclipRatio, int MinBoxSide)
{
    /// <summary>Components looked at per image: PaddleOCR's max_candidates; a page of text has a few hundred.</summary>
    public const int MaxCandidates = 1000;
}
