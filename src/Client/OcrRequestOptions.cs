namespace MaoOcr.Client;

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
