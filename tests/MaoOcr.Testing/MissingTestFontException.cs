namespace MaoOcr.Testing;

/// <summary>A test font is not installed, or its file holds no face of the expected family. The message names the Debian package to install.</summary>
public sealed class MissingTestFontException : Exception
{
    public MissingTestFontException(string message) : base(message)
    {
    }

    public MissingTestFontException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
