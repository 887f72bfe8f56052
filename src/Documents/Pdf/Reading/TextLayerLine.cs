namespace MaoOcr.Documents.Pdf.Reading;

/// <summary>One line of a page's own text layer, in points from the top-left of the page as shown (after /Rotate).</summary>
/// <param name="Text">Its words joined by single spaces.</param>
/// <param name="Block">The block (poppler's text flow) it belongs to, numbered from 0 in reading order.</param>
public sealed record TextLayerLine(string Text, int Block, double Left, double Top, double Width, double Height);
