namespace MaoOcr.Client;

/// <summary>
/// One block of a page in reading order: a paragraph, a row of a table, or a label standing alone. The appliance sends
/// blocks when the request's <see cref="OcrRequestOptions.DocumentType"/> is <c>document</c> or <c>auto</c>, and for
/// every page of a PDF.
/// </summary>
public sealed record OcrBlock
{
    /// <summary>The block's lines joined: by a space, or by nothing between CJK characters and after a hyphen.</summary>
    public string Text { get; init; } = "";

    /// <summary>Indices into the page's <c>Lines</c>, in reading order.</summary>
    public IReadOnlyList<int> Lines { get; init; } = [];

    /// <summary>Four corners enclosing the block's lines, in the same pixels as the lines' boxes.</summary>
    public IReadOnlyList<OcrPoint> Box { get; init; } = [];
}
