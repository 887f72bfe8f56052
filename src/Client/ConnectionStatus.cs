namespace MaoOcr.Client;

/// <summary>Where a <see cref="MaoOcrClient"/>'s connection stands. The same states as the JS library (docs/protocol.md).</summary>
public enum ConnectionStatus
{
    /// <summary>Not connected, and not trying: before <see cref="MaoOcrClient.ConnectAsync"/> or after <see cref="MaoOcrClient.DisconnectAsync"/>.</summary>
    Disconnected,

    /// <summary>The first connection is being opened.</summary>
    Connecting,

    /// <summary>Open: requests go out at once.</summary>
    Connected,

    /// <summary>The connection dropped; waiting out the backoff or trying again. Requests wait for the outcome.</summary>
    Reconnecting,

    /// <summary>The first connection failed, or every reconnect attempt did. Nothing is retried until <see cref="MaoOcrClient.ConnectAsync"/>.</summary>
    Error,
}
