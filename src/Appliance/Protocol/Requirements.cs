using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Appliance.Protocol;

/// <summary>
/// The request's <c>requirements</c>: <c>document_type</c> (free text the client names its document with,
/// echoed in logs and metrics, at most 64 characters), <c>language</c> (auto, ch or en) and
/// <c>accuracy_requirement</c> (fast, balanced or high).
/// </summary>
public sealed record Requirements(string DocumentType, OcrLanguage Language, AccuracyLevel Accuracy)
{
    public const int MaxDocumentTypeLength = 64;

    public static readonly Requirements Default = new("general", OcrLanguage.Auto, AccuracyLevel.Balanced);

    public OcrRequestOptions ToOptions() => new() { Language = Language, Accuracy = Accuracy };

    /// <summary>The wire names of a language (docs/protocol.md), case-insensitive; also the CLI's --lang.</summary>
    public static bool TryLanguage(string value, out OcrLanguage language)
    {
        switch (value.ToUpperInvariant())
        {
            case "" or "AUTO":
                language = OcrLanguage.Auto;
                return true;
            case "CH" or "ZH" or "ZH-CN" or "CHINESE":
                language = OcrLanguage.Chinese;
                return true;
            case "EN" or "ENGLISH":
                language = OcrLanguage.English;
                return true;
            default:
                language = OcrLanguage.Auto;
                return false;
        }
    }

    /// <summary>The wire names of an accuracy requirement, case-insensitive; also the CLI's --accuracy.</summary>
    public static bool TryAccuracy(string value, out AccuracyLevel accuracy)
    {
        switch (value.ToUpperInvariant())
        {
            case "FAST" or "LOW":
                accuracy = AccuracyLevel.Fast;
                return true;
            case "" or "BALANCED" or "MEDIUM":
                accuracy = AccuracyLevel.Balanced;
                return true;
            case "HIGH":
                accuracy = AccuracyLevel.High;
                return true;
            default:
                accuracy = AccuracyLevel.Balanced;
                return false;
        }
    }
}
