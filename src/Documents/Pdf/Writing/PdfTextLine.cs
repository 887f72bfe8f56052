namespace MaoOcr.Documents.Pdf.Writing;

/// <summary>
/// One recognised line of text and its box in the page image's pixels (see <see cref="PdfPoint"/>). The corners go
/// clockwise from the top-left corner of the text as read, so for a rotated line the "top-left" corner need not be the
/// top-left-most point; the line's angle is that of its top and bottom edges.
/// </summary>
/// <param name="Text">The text as recognised; words separated by spaces. Control characters are written as spaces.</param>
public sealed record PdfTextLine(string Text, PdfPoint TopLeft, PdfPoint TopRight, PdfPoint BottomRight, PdfPoint BottomLeft)
{
    /// <summary>An upright line whose box is the rectangle from (<paramref name="left"/>, <paramref name="top"/>) to (<paramref name="right"/>, <paramref name="bottom"/>), in pixels.</summary>
    public static PdfTextLine FromRectangle(string text, double left, double top, double right, double bottom) => new(
        text,
        new PdfPoint(left, top),
        new PdfPoint(right, top),
        new PdfPoint(right, bottom),
        new PdfPoint(left, bottom));
}
