namespace MaoOcr.Client;

/// <summary>Base of every error the SDK reports about a request or the connection.</summary>
public class MaoOcrException : Exception
{
    public MaoOcrException()
    {
    }

    public MaoOcrException(string message) : base(message)
    {
    }

    public MaoOcrException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}
