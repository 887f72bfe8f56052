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

    public RecognitionOptions ToOptions() => new() { Language = Language, Accuracy = Accuracy };

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
