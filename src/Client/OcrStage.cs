namespace MaoOcr.Client;

/// <summary>The pipeline stage named in <c>ocr_progress</c>.</summary>
public enum OcrStage
{
    Decode,
    Detection,
    Classification,
    Recognition,

    /// <summary>A stage name this SDK version does not know (the protocol may add stages).</summary>
    Other,
}
