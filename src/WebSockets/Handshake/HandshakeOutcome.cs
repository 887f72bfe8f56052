namespace MaoOcr.WebSockets.Handshake;

/// <summary>What the connection middleware does with a request head.</summary>
internal enum HandshakeOutcome
{
    /// <summary>Not a WebSocket handshake for our path: consume nothing and hand the connection to Kestrel's HTTP.</summary>
    PassToHttp,

    /// <summary>Write the 101 response and run the WebSocket on the transport.</summary>
    Accept,

    /// <summary>Write the refusal and close the connection.</summary>
    Refuse,
}
