namespace MaoOcr.Inference.Pipeline;

/// <summary>Per-request options.</summary>
public sealed record RecognitionOptions
{
    public static readonly RecognitionOptions Default = new();

    public RecognitionLanguage Language { get; init; } = RecognitionLanguage.Auto;

    public RecognitionAccuracy Accuracy { get; init; } = RecognitionAccuracy.Balanced;

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

    /// <summary>
    /// Orders the page by its layout (<see cref="Layout.PageLayoutAnalyzer"/>) when set: lines column by column instead of
    /// row by row across the page, <see cref="RecognizedPage.Blocks"/> filled with paragraphs, table rows and labels,
    /// and <see cref="RecognizedPage.Text"/> built block by block (lines of a block joined into one paragraph, blocks
    /// separated by a blank line). Off by default: callers that do not ask get the lines and text as before.
    /// </summary>
    public bool UseLayoutAnalysis { get; init; }

    /// <summary>The detector side limit this request runs with.</summary>
    public int EffectiveSideLimit => DetectionSideLimit ?? Accuracy switch
    {
        RecognitionAccuracy.Fast => 736,
        RecognitionAccuracy.High => 1280,
        _ => 960,
    };

    /// <summary>Whether this request runs the angle classifier.</summary>
    public bool EffectiveClassifier => UseAngleClassifier ?? Accuracy == RecognitionAccuracy.High;
}
