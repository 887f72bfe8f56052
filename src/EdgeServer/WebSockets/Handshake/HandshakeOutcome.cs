namespace MaoOcr.EdgeServer.WebSockets.Handshake;

/// <summary>What the connection middleware does with a request head.</summary>
internal enum HandshakeOutcome
{
    /// <summary>Not our endpoint: consume nothing and hand the connection to Kestrel's HTTP.</summary>
    NotWebSocketForUs,

    /// <summary>Write the 101 response and run the WebSocket on the transport.</summary>
    Accept,

    /// <summary>Write the refusal and close the connection.</summary>
    Refuse,
}
