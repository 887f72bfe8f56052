namespace MaoOcr.Inference.Pipeline;

/// <summary>Which script the request expects. <see cref="Auto"/> and <see cref="Chinese"/> use the full
/// Chinese+Latin dictionary; <see cref="English"/> restricts recognition to Latin-script characters, so
/// digits and letters are never read as look-alike Chinese characters (Chinese text then reads as noise).</summary>
public enum OcrLanguage
{
    Auto,
    Chinese,
    English,
}

/// <summary>Speed against accuracy, as the protocol's <c>accuracy_requirement</c>.</summary>
public enum AccuracyLevel
{
    /// <summary>Detection side limit 736, no angle classifier.</summary>
    Fast,

    /// <summary>Detection side limit 960 (PaddleOCR's default), no angle classifier.</summary>
    Balanced,

    /// <summary>Detection side limit 1280, with the 0°/180° angle classifier.</summary>
    High,
}

/// <summary>Per-request options.</summary>
public sealed record OcrRequestOptions
{
    public static readonly OcrRequestOptions Default = new();

    public OcrLanguage Language { get; init; } = OcrLanguage.Auto;

    public AccuracyLevel Accuracy { get; init; } = AccuracyLevel.Balanced;

    /// <summary>Runs the angle classifier regardless of <see cref="Accuracy"/> when set.</summary>
    public bool? UseAngleClassifier { get; init; }

    /// <summary>The longer side the detector sees, in pixels; derived from <see cref="Accuracy"/> unless set.</summary>
    public int? DetectionSideLimit { get; init; }

    /// <summary>
    /// The largest side limit a request may ask for. 4096: beyond it a page's detector tensor (200 MB at
    /// 4096²) costs more than any text it could reveal.
    /// </summary>
    public const int MaxSideLimit = 4096;

    /// <exception cref="ArgumentOutOfRangeException"><see cref="DetectionSideLimit"/> is outside 32–<see cref="MaxSideLimit"/>.</exception>
    public void Validate()
    {
        if (DetectionSideLimit is int limit && (limit < 32 || limit > MaxSideLimit))
        {
            throw new ArgumentOutOfRangeException(nameof(DetectionSideLimit), limit, $"The detection side limit must be between 32 and {MaxSideLimit} pixels.");
        }
    }

    /// <summary>The detector side limit this request runs with.</summary>
    public int EffectiveSideLimit => DetectionSideLimit ?? Accuracy switch
    {
        AccuracyLevel.Fast => 736,
        AccuracyLevel.High => 1280,
        _ => 960,
    };

    /// <summary>Whether this request runs the angle classifier.</summary>
    public bool EffectiveClassifier => UseAngleClassifier ?? Accuracy == AccuracyLevel.High;
}

/// <summary>Pipeline stages, in order; progress and timings are reported per stage.</summary>
public enum OcrStage
{
    Decode,
    Detection,
    Classification,
    Recognition,
}

/// <summary>A stage has started (<see cref="Percent"/> is where the request stands, 0–100).</summary>
public readonly record struct OcrProgress(OcrStage Stage, int Percent);
