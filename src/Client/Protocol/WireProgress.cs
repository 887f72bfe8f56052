namespace MaoOcr.Client.Protocol;

// The data objects of the server's messages, read with source-generated JSON (snake_case). Unknown fields are ignored,
// as the protocol requires, so the appliance can add fields.

internal sealed class WireProgress
{
    public string? RequestId { get; set; }

    public string? Stage { get; set; }

    public int Progress { get; set; }

    /// <summary>A document's page being read, 1-based; absent (0) for an image.</summary>
    public int Page { get; set; }

    public int Pages { get; set; }
}
