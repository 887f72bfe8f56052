namespace MaoOcr.Client;

/// <summary>
/// Something that happened to one request. Per request they come in order: at most one <see cref="OcrStarted"/>, any
/// number of <see cref="OcrProgress"/>, then exactly one final <see cref="OcrCompleted"/> or <see cref="OcrFailed"/>.
/// </summary>
/// <param name="RequestId">The request's id, as given by the SDK when it was sent.</param>
public abstract record OcrEvent(string RequestId)
{
    /// <summary>True for <see cref="OcrCompleted"/> and <see cref="OcrFailed"/>: nothing more comes for this request.</summary>
    public virtual bool IsFinal => false;
}
