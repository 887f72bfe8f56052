namespace MaoOcr.WebSockets.Handshake;

/// <summary>One header field as received: the name as sent, and the value without its surrounding whitespace.</summary>
internal readonly record struct RequestHeader(string Name, string Value);
