namespace MaoOcr.Documents.Pdf;

/// <summary>Why a PDF could not be read.</summary>
public enum PdfErrorKind
{
    /// <summary>Not a PDF, truncated, or broken beyond repair.</summary>
    Invalid,

    /// <summary>Encrypted with a password we do not have.</summary>
    Encrypted,

    /// <summary>Over a limit: pages, pixels, memory, output.</summary>
    TooLarge,

    /// <summary>A tool ran past its time limit.</summary>
    TimedOut,

    /// <summary>The appliance lacks the PDF tools (poppler-utils).</summary>
    ToolsMissing,
}
