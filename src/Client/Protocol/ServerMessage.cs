namespace MaoOcr.Client.Protocol;

/// <summary>One message from the appliance: its type, its id, and for answers the request event it carries.</summary>
internal readonly record struct ServerMessage(string Type, string? Id, OcrEvent? Event);
