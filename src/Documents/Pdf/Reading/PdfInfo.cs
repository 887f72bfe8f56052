namespace MaoOcr.Documents.Pdf.Reading;

/// <summary>What pdfinfo says of a document.</summary>
/// <param name="PageCount">Pages in the document (its page tree's count).</param>
/// <param name="Encrypted">True when it is encrypted (it opened without a password, or it would not be here).</param>
/// <param name="Pages">The pages asked for, in order (the first ones, up to the page limit).</param>
public sealed record PdfInfo(int PageCount, bool Encrypted, IReadOnlyList<PdfPageInfo> Pages);
