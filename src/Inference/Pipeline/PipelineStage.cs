namespace MaoOcr.Inference.Pipeline;

/// <summary>Pipeline stages, in order; progress and timings are reported per stage.</summary>
public enum PipelineStage
{
    Decode,
    Detection,
    Classification,
    Recognition,
}
