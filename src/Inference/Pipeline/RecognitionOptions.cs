namespace MaoOcr.Inference.Pipeline;

/// <summary>Per-request options.</summary>
public sealed record RecognitionOptions
{
    public static readonly RecognitionOptions Default = new();

    public RecognitionLanguage Language { get; init; } = RecognitionLanguage.Auto;

    public RecognitionAccuracy Accuracy { get; init; } = RecognitionAccuracy.Balanced;

    /// <summary>Runs the angle classifier regardless of <see cref="Accuracy"/> when set.</summary>
    public bool? UseAngleClassifier { get; init; }

    /// <summary>
    /// Reads a page photographed or scanned at 90°, 180° or 270° as if it were upright: the page's rotation is judged
    /// from the detected boxes (mostly tall: sideways, turned a quarter and detected again) and a 0°/180° vote of the
    /// angle classifier over up to 12 of the longest lines, the pipeline runs on the upright page, and
    /// <see cref="RecognizedPage.Rotation"/> says the turn applied. Boxes stay in the coordinates of the image as sent.
    /// Costs one classifier batch or two on every page, and a second detection and a copy of the pixels on a sideways
    /// one. Off by default: a page of vertical text only (three or more tall lines and little else) would be turned.
    /// </summary>
    public bool DetectPageOrientation { get; init; }

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
