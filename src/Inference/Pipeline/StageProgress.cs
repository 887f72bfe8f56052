namespace MaoOcr.Inference.Pipeline;

/// <summary>A stage has started (<see cref="Percent"/> is where the request stands, 0–100).</summary>
public readonly record struct StageProgress(PipelineStage Stage, int Percent)
{
    /// <summary>The page being read (1-based) when the input has several (a PDF); 0 for an image.</summary>
    public int Page { get; init; }

    /// <summary>How many pages the input has; 0 for an image.</summary>
    public int Pages { get; init; }
}
