namespace MaoOcr.Client.Protocol;

// The data objects of the server's messages, read with source-generated JSON (snake_case). Unknown fields are ignored,
// as the protocol requires, so the appliance can add fields.

internal sealed class WireError
{
    public string? RequestId { get; set; }

    public string Code { get; set; } = "internal";

    public string Message { get; set; } = "";

    public bool Retryable { get; set; }

    public int? RetryAfterMs { get; set; }
}
