namespace MaoOcr.Client.Protocol;

/// <summary>
/// The protocol's names (docs/protocol.md), kept here rather than shared with the appliance: the SDK is a separate,
/// wire-compatible implementation.
/// </summary>
internal static class WireNames
{
    /// <summary>The endpoint's path, used when the server address has none.</summary>
    public const string EndpointPath = "/ws/ocr";

    public const string OcrRequest = "ocr_request";
    public const string OcrStart = "ocr_start";
    public const string OcrProgress = "ocr_progress";
    public const string OcrComplete = "ocr_complete";
    public const string OcrError = "ocr_error";
    public const string Ping = "ping";
    public const string Pong = "pong";

    public static string Language(OcrLanguage language) => language switch
    {
        OcrLanguage.Chinese => "ch",
        OcrLanguage.English => "en",
        _ => "auto",
    };

    public static string Accuracy(OcrAccuracy accuracy) => accuracy switch
    {
        OcrAccuracy.Fast => "fast",
        OcrAccuracy.High => "high",
        _ => "balanced",
    };

    public static OcrStage Stage(string? stage) => stage switch
    {
        "decode" => OcrStage.Decode,
        "detection" => OcrStage.Detection,
        "classification" => OcrStage.Classification,
        "recognition" => OcrStage.Recognition,
        _ => OcrStage.Other,
    };

    public static OcrPageSource PageSource(string? source) => source switch
    {
        "ocr" => OcrPageSource.Ocr,
        "text_layer" => OcrPageSource.TextLayer,
        _ => OcrPageSource.Other,
    };
}
