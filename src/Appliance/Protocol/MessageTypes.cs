namespace MaoOcr.Appliance.Protocol;

/// <summary>The <c>type</c> values of the MaoOCR protocol envelope (docs/protocol.md).</summary>
public static class MessageTypes
{
    public const string OcrRequest = "ocr_request";
    public const string OcrStart = "ocr_start";
    public const string OcrProgress = "ocr_progress";
    public const string OcrComplete = "ocr_complete";
    public const string OcrError = "ocr_error";
    public const string Ping = "ping";
    public const string Pong = "pong";
}
