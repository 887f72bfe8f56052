namespace MaoOcr.Inference.Pipeline;

/// <summary>Milliseconds spent in each stage; <see cref="InferenceMs"/> is the part spent inside ORT's Run.</summary>
public sealed record StageTimings(double DecodeMs, double DetectionMs, double ClassificationMs, double RecognitionMs, double TotalMs, double InferenceMs);
