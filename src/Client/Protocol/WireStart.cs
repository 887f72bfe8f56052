namespace MaoOcr.Client.Protocol;

// The data objects of the server's messages, read with source-generated JSON (snake_case). Unknown fields are ignored,
// as the protocol requires, so the appliance can add fields.

internal sealed class WireStart
{
    public string? RequestId { get; set; }

    public int QueuePosition { get; set; }
}
