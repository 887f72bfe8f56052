namespace MaoOcr.Documents.Pdf.Reading;

/// <summary>The text layer of one page: its lines in poppler's reading order (columns detected by its text layout analysis).</summary>
public sealed record TextLayerPage(int Number, IReadOnlyList<TextLayerLine> Lines)
{
    /// <summary>Characters other than whitespace, to decide whether the page has a real text layer.</summary>
    public int VisibleCharacters => Lines.Sum(l => l.Text.Count(c => !char.IsWhiteSpace(c)));
}
