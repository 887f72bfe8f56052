namespace MaoOcr.Inference.Pipeline;

/// <summary>A stage has started (<see cref="Percent"/> is where the request stands, 0–100).</summary>
public readonly record struct StageProgress(PipelineStage Stage, int Percent);
