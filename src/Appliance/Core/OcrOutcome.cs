
namespace MaoOcr.Appliance.Core;

/// <summary>The one final answer to a request: one page per image, or a failure with its reason.</summary>
/// <param name="Results">One result per input (an image's page or a document's pages), in request order; null on failure.</param>
/// <param name="Cached">True when every page came from the result cache.</param>
/// <param name="Failure">Why it failed; null on success.</param>
/// <param name="Message">What went wrong, in words a user can act on; null on success.</param>
/// <param name="RetryAfterMs">For <see cref="OcrFailure.Busy"/>: when a retry may succeed, in milliseconds.</param>
public sealed record OcrOutcome(IReadOnlyList<OcrItemResult>? Results, bool Cached, OcrFailure? Failure, string? Message, int? RetryAfterMs)
{
    public bool Succeeded => Results is not null;

    public static OcrOutcome Success(IReadOnlyList<OcrItemResult> results, bool cached) => new(results, cached, null, null, null);

    /// <summary>The searchable PDF of the inputs when the request asked for one.</summary>
    public byte[]? SearchablePdf { get; init; }

    public static OcrOutcome Failed(OcrFailure failure, string message, int? retryAfterMs = null) => new(null, false, failure, message, retryAfterMs);
}
