namespace MaoOcr.Client;

/// <summary>A change of <see cref="MaoOcrClient.Status"/>.</summary>
/// <param name="Previous">The status before.</param>
/// <param name="Current">The status now.</param>
/// <param name="Error">Why the connection went down or could not be made; null for changes the app asked for.</param>
public sealed record ConnectionStatusChange(ConnectionStatus Previous, ConnectionStatus Current, Exception? Error);
