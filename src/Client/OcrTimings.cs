namespace MaoOcr.Client;

/// <summary>Milliseconds spent per stage on the appliance.</summary>
public sealed record OcrTimings
{
    public double DecodeMs { get; init; }

    public double DetectionMs { get; init; }

    public double ClassificationMs { get; init; }

    public double RecognitionMs { get; init; }

    /// <summary>Time inside ONNX Runtime, over all stages.</summary>
    public double InferenceMs { get; init; }

    public double TotalMs { get; init; }
}
