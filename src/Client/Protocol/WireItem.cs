namespace MaoOcr.Client.Protocol;

// The data objects of the server's messages, read with source-generated JSON (snake_case). Unknown fields are ignored,
// as the protocol requires, so the appliance can add fields.

/// <summary>One input's result: an image's fields, or a PDF's <c>page_count</c> and <c>pages</c>.</summary>
internal class WireItem : WireImageFields
{
    /// <summary>Present for a PDF, with <see cref="Pages"/>, in place of width, height and lines.</summary>
    public int PageCount { get; set; }

    public List<WirePage>? Pages { get; set; }

    public OcrResult ToResult(string requestId, bool cached, byte[]? searchablePdf) => new()
    {
        RequestId = requestId,
        Cached = cached,
        Text = Text,
        Width = Width,
        Height = Height,
        Lines = Lines ?? [],
        Blocks = WireBlock.ToBlocks(Blocks),
        Rotation = Rotation,
        PageCount = PageCount,
        Pages = Pages is null ? [] : [.. Pages.Select(p => p.ToPage())],
        Timings = Timings ?? new OcrTimings(),
        SearchablePdf = searchablePdf,
    };
}
