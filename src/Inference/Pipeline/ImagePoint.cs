namespace MaoOcr.Inference.Pipeline;

/// <summary>A point in original image pixels.</summary>
public readonly record struct ImagePoint(float X, float Y);
