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

/// <summary>A change of <see cref="MaoOcrClient.Status"/>.</summary>
/// <param name="Previous">The status before.</param>
/// <param name="Current">The status now.</param>
/// <param name="Error">Why the connection went down or could not be made; null for changes the app asked for.</param>
public sealed record ConnectionStatusChange(ConnectionStatus Previous, ConnectionStatus Current, Exception? Error);
