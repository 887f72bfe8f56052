namespace MaoOcr.Inference.Pipeline;

/// <summary>Speed against accuracy, as the protocol's <c>accuracy_requirement</c>.</summary>
public enum RecognitionAccuracy
{
    /// <summary>Detection side limit 736, no angle classifier.</summary>
    Fast,

    /// <summary>Detection side limit 960 (PaddleOCR's default), no angle classifier.</summary>
    Balanced,

    /// <summary>Detection side limit 1280, with the 0°/180° angle classifier.</summary>
    High,
}
