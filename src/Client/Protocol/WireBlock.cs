namespace MaoOcr.Client.Protocol;

/// <summary>One block of a result read as a document.</summary>
internal sealed class WireBlock
{
    public string Text { get; set; } = "";

    public List<int>? Lines { get; set; }

    public List<OcrPoint>? Box { get; set; }

    public static OcrBlock[] ToBlocks(List<WireBlock>? blocks) =>
        blocks is null ? [] : [.. blocks.Select(b => new OcrBlock { Text = b.Text, Lines = b.Lines ?? [], Box = b.Box ?? [] })];
}
