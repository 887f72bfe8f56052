namespace MaoOcr.Documents.Pdf;

/// <summary>A PDF could not be read; the message names the problem in words a user can act on.</summary>
public sealed class PdfException(PdfErrorKind kind, string message) : Exception(message)
{
    public PdfErrorKind Kind { get; } = kind;
}
