namespace MaoOcr.Client.Protocol;

// The data objects of the server's messages, read with source-generated JSON (snake_case). Unknown fields are ignored,
// as the protocol requires, so the appliance can add fields.

internal sealed class WireComplete
{
    public string? RequestId { get; set; }

    public bool Cached { get; set; }

    public string Text { get; set; } = "";

    public int Width { get; set; }

    public int Height { get; set; }

    public List<OcrLine>? Lines { get; set; }

    public OcrTimings? Timings { get; set; }

    /// <summary>Present for a batch: one result per image.</summary>
    public List<OcrResult>? Results { get; set; }
}
