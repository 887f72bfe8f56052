namespace MaoOcr.Client;

/// <summary>Which script the appliance recognizes.</summary>
public enum OcrLanguage
{
    /// <summary>Chinese and Latin (the default).</summary>
    Auto,

    /// <summary>Chinese (with Latin).</summary>
    Chinese,

    /// <summary>Latin characters only.</summary>
    English,
}

/// <summary>How hard the appliance looks: the detector's resolution and whether upside-down text is turned.</summary>
public enum OcrAccuracy
{
    /// <summary>Longer side 736.</summary>
    Fast,

    /// <summary>Longer side 960 (the default).</summary>
    Balanced,

    /// <summary>Longer side 1280, and upside-down lines are turned.</summary>
    High,
}

/// <summary>The <c>requirements</c> of one request. Every field is optional on the wire; these are the appliance's defaults.</summary>
public sealed record OcrRequestOptions
{
    /// <summary>The defaults: auto, balanced, general.</summary>
    public static OcrRequestOptions Default { get; } = new();

    public OcrLanguage Language { get; init; } = OcrLanguage.Auto;

    public OcrAccuracy Accuracy { get; init; } = OcrAccuracy.Balanced;

    /// <summary>Your own label for the document (at most 64 characters), kept by the appliance for logs and metrics; null sends none.</summary>
    public string? DocumentType { get; init; }
}
