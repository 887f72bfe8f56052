namespace MaoOcr.Appliance.Documents;

/// <summary>What was read from a multi-page document (a PDF).</summary>
/// <param name="Pages">One entry per page, in order.</param>
/// <param name="Text">The pages' texts joined by blank lines.</param>
public sealed record RecognizedDocument(IReadOnlyList<DocumentPage> Pages, string Text)
{
    /// <summary>The text that joins two pages' texts: a blank line, as between the images of a batch.</summary>
    public const string PageSeparator = "\n\n";

    public static RecognizedDocument FromPages(IReadOnlyList<DocumentPage> pages)
        => new(pages, string.Join(PageSeparator, pages.Select(p => p.Page.Text).Where(t => t.Length > 0)));
}
