using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Appliance.Protocol;

/// <summary>
/// The request's <c>requirements</c>: <c>document_type</c> (free text the client names its document with,
/// echoed in logs and metrics, at most 64 characters), <c>language</c> (auto, ch or en) and
/// <c>accuracy_requirement</c> (fast, balanced or high).
/// </summary>
public sealed record Requirements(string DocumentType, RecognitionLanguage Language, RecognitionAccuracy Accuracy)
{
    public const int MaxDocumentTypeLength = 64;

    public static readonly Requirements Default = new("general", RecognitionLanguage.Auto, RecognitionAccuracy.Balanced);

    /// <summary><c>force_ocr</c>: OCR every page of a PDF, even those that carry their own text layer.</summary>
    public bool ForceOcr { get; init; }

    /// <summary>The engine options these requirements ask for: the one mapping from the wire to the core.</summary>
    public RecognitionOptions ToOptions() => new()
    {
        Language = Language,
        Accuracy = Accuracy,
        UseLayoutAnalysis = IsDocument,
        DetectPageOrientation = IsDocument,
    };

    /// <summary>
    /// <c>document_type</c> values that ask for a page read as a document: blocks in reading order (columns, headers,
    /// footers) and pages at any orientation. <c>auto</c> asks the same, and the analysis decides from the page (a
    /// single column is one block per paragraph; an upright page is left as it is). Other values are labels only, so
    /// clients that send their own labels ("invoice") get the line-by-line answer they always had.
    /// </summary>
    public bool IsDocument => DocumentType is "document" or "auto";

    /// <summary>
    /// Validates the three requirement strings as any transport received them (a JSON object, a query string); null or
    /// empty means the default. One set of rules and messages for the WebSocket protocol and REST alike.
    /// </summary>
    /// <param name="problem">Why they were refused, naming the field and the accepted values; null on success.</param>
    public static bool TryCreate(string? documentType, string? language, string? accuracy, out Requirements requirements, out string? problem)
    {
        requirements = Default;
        if (documentType is { Length: > MaxDocumentTypeLength })
        {
            problem = $"document_type is at most {MaxDocumentTypeLength} characters.";
            return false;
        }
        if (!TryLanguage(language ?? string.Empty, out RecognitionLanguage lang))
        {
            problem = $"Unknown language '{Truncate(language!)}'; use auto, ch or en.";
            return false;
        }
        if (!TryAccuracy(accuracy ?? string.Empty, out RecognitionAccuracy level))
        {
            problem = $"Unknown accuracy_requirement '{Truncate(accuracy!)}'; use fast, balanced or high.";
            return false;
        }
        requirements = new Requirements(string.IsNullOrEmpty(documentType) ? Default.DocumentType : documentType, lang, level);
        problem = null;
        return true;
    }

    /// <summary>Echoes at most 40 characters of a bad value: enough to recognise it, never a whole hostile string.</summary>
    internal static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";

    /// <summary>The wire names of a language (docs/protocol.md), case-insensitive; also the CLI's --lang.</summary>
    public static bool TryLanguage(string value, out RecognitionLanguage language)
    {
        switch (value.ToUpperInvariant())
        {
            case "" or "AUTO":
                language = RecognitionLanguage.Auto;
                return true;
            case "CH" or "ZH" or "ZH-CN" or "CHINESE":
                language = RecognitionLanguage.Chinese;
                return true;
            case "EN" or "ENGLISH":
                language = RecognitionLanguage.English;
                return true;
            default:
                language = RecognitionLanguage.Auto;
                return false;
        }
    }

    /// <summary>The wire names of an accuracy requirement, case-insensitive; also the CLI's --accuracy.</summary>
    public static bool TryAccuracy(string value, out RecognitionAccuracy accuracy)
    {
        switch (value.ToUpperInvariant())
        {
            case "FAST" or "LOW":
                accuracy = RecognitionAccuracy.Fast;
                return true;
            case "" or "BALANCED" or "MEDIUM":
                accuracy = RecognitionAccuracy.Balanced;
                return true;
            case "HIGH":
                accuracy = RecognitionAccuracy.High;
                return true;
            default:
                accuracy = RecognitionAccuracy.Balanced;
                return false;
        }
    }
}
