using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Inference.Layout;

/// <summary>
/// One block of a page in reading order: a paragraph, a row of a table, or a short label standing alone.
/// </summary>
/// <param name="Lines">Indices into the page's <see cref="RecognizedPage.Lines"/>, in reading order; a block's lines are consecutive there.</param>
/// <param name="Box">
/// Four corners enclosing the block's lines in original image pixels: top-left, top-right, bottom-right, bottom-left.
/// On a skewed page the box is turned by the page's skew, so it hugs the text as the line boxes do.
/// </param>
/// <param name="Text">
/// The block's lines joined: pieces of one row by a space; a line and the line below it by a space, or by nothing
/// when both sides of the junction are CJK characters or the upper line ends with a hyphen (which is kept: the
/// text is not dehyphenated).
/// </param>
public sealed record TextBlock(IReadOnlyList<int> Lines, IReadOnlyList<ImagePoint> Box, string Text);
