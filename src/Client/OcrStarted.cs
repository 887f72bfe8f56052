namespace MaoOcr.Client;

/// <summary>The appliance queued the request (<c>ocr_start</c>).</summary>
/// <param name="QueuePosition">Requests that will run before this one; 0 = next.</param>
public sealed record OcrStarted(string RequestId, int QueuePosition) : OcrEvent(RequestId);
