namespace MaoOcr.Client;

/// <summary>
/// The request failed: <see cref="OcrServerException"/> for an <c>ocr_error</c>, <see cref="MaoOcrConnectionException"/>
/// when the connection was lost for good or the client was disconnected.
/// </summary>
public sealed record OcrFailed(string RequestId, MaoOcrException Error) : OcrEvent(RequestId)
{
    public override bool IsFinal => true;
}
