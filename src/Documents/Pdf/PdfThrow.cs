using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MaoOcr.Documents.Pdf;

/// <summary>The one place each PDF error is worded and thrown.</summary>
internal static class PdfThrow
{
    [DoesNotReturn]
    public static void Invalid(string detail) => throw new PdfException(PdfErrorKind.Invalid, $"The PDF cannot be read: {detail}");

    [DoesNotReturn]
    public static void Encrypted() => throw new PdfException(PdfErrorKind.Encrypted, "The PDF is encrypted and needs a password to open; send it without the password protection.");

    [DoesNotReturn]
    public static void TooManyPages(int pages, int limit) => throw new PdfException(PdfErrorKind.TooLarge,
        string.Create(CultureInfo.InvariantCulture, $"The PDF has {pages:N0} pages, above the limit of {limit:N0} pages per document (Pdf:MaxPages); split it."));

    [DoesNotReturn]
    public static void TooLarge(string what) => throw new PdfException(PdfErrorKind.TooLarge, $"The PDF is too large to read: {what}");

    [DoesNotReturn]
    public static void TimedOut(string what, TimeSpan limit) => throw new PdfException(PdfErrorKind.TimedOut,
        string.Create(CultureInfo.InvariantCulture, $"The PDF took too long: {what} ran past its limit of {limit.TotalSeconds:0.#} s (Pdf:SecondsPerPage)."));

    [DoesNotReturn]
    public static void ToolsMissing(string tool) => throw new PdfException(PdfErrorKind.ToolsMissing,
        $"PDF input needs {tool} on the appliance, which is not installed (Debian and Ubuntu: apt install poppler-utils qpdf).");
}
