namespace MaoOcr.Client;

/// <summary>
/// The connection could not be made, or was lost and every reconnect attempt failed, or the client was disconnected
/// while the request waited. The request may be sent again once connected.
/// </summary>
public sealed class MaoOcrConnectionException : MaoOcrException
{
    public MaoOcrConnectionException()
    {
    }

    public MaoOcrConnectionException(string message) : base(message)
    {
    }

    public MaoOcrConnectionException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}
