using MaoOcr.Appliance.Protocol;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Appliance.Core;

/// <summary>The one final answer to a request: results, or an error with its code.</summary>
public sealed record OcrOutcome(IReadOnlyList<RecognizedPage>? Results, bool Cached, ErrorCode? Error, string? Message, int? RetryAfterMs)
{
    public bool Succeeded => Results is not null;

    public static OcrOutcome Success(IReadOnlyList<RecognizedPage> results, bool cached) => new(results, cached, null, null, null);

    public static OcrOutcome Failure(ErrorCode code, string message, int? retryAfterMs = null) => new(null, false, code, message, retryAfterMs);
}
