namespace MaoOcr.Testing.Documents;

/// <summary>A PDF file made in memory and what is on each of its pages.</summary>
/// <param name="Bytes">The whole file.</param>
/// <param name="Pages">One entry per page, in page order.</param>
public sealed record GeneratedPdf(byte[] Bytes, IReadOnlyList<PdfPageTruth> Pages)
{
    /// <summary>Every page's lines in reading order, pages joined by a blank line.</summary>
    public string Text => string.Join("\n\n", Pages.Select(p => string.Join('\n', p.Lines.Select(l => l.Text))));
}
