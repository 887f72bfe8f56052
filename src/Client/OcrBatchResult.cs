namespace MaoOcr.Client;

/// <summary>A batch's answer: one result per image, in request order.</summary>
public sealed record OcrBatchResult
{
    public string RequestId { get; init; } = "";

    /// <summary>True when the whole batch came from the result cache.</summary>
    public bool Cached { get; init; }

    /// <summary>The images' texts joined with blank lines.</summary>
    public string Text { get; init; } = "";

    public IReadOnlyList<OcrResult> Results { get; init; } = [];

    /// <summary>One searchable PDF of every input in order, when the request set <see cref="OcrRequestOptions.SearchablePdf"/>; null otherwise.</summary>
    public byte[]? SearchablePdf { get; init; }
}
