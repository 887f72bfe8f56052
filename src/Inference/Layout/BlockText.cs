using System.Text;

namespace MaoOcr.Inference.Layout;

/// <summary>Joins the lines of a block, and the blocks of a page, into text.</summary>
public static class BlockText
{
    /// <summary>Between the blocks of a page: a blank line, as between paragraphs of plain text.</summary>
    public const string BlockSeparator = "\n\n";

    /// <summary>
    /// Joins rows (top to bottom) of pieces (left to right). Pieces of one row are separate runs on one line, table
    /// cells or a line the detector split, and are joined by a space whatever the script. A row joins the row above
    /// through <see cref="LineBreak"/>. Texts are trimmed and empty ones skipped.
    /// </summary>
    public static string Join(IEnumerable<IEnumerable<string?>> rows)
    {
        var text = new StringBuilder();
        Span<char> tail = stackalloc char[2];
        foreach (IEnumerable<string?> row in rows)
        {
            bool rowStarted = false;
            foreach (string? piece in row)
            {
                string trimmed = piece?.Trim() ?? "";
                if (trimmed.Length == 0)
                {
                    continue;
                }
                if (rowStarted)
                {
                    text.Append(' ');
                }
                else if (text.Length > 0)
                {
                    // Two characters hold the last code point, a surrogate pair included.
                    int length = Math.Min(2, text.Length);
                    text.CopyTo(text.Length - length, tail, length);
                    text.Append(LineBreak(tail[..length], trimmed));
                }
                text.Append(trimmed);
                rowStarted = true;
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// What replaces a line break inside a paragraph: nothing after a hyphen, which is kept (a dictionary would be
    /// needed to tell a broken word from a compound such as "well-known", so the text is not dehyphenated); nothing
    /// between two CJK characters, which are written without spaces; otherwise a space.
    /// </summary>
    public static string LineBreak(ReadOnlySpan<char> above, ReadOnlySpan<char> below)
    {
        if (above.IsEmpty || below.IsEmpty || above[^1] is '-' or '\u2010')
        {
            return "";
        }
        // An unpaired surrogate decodes as U+FFFD, which is not CJK.
        Rune.DecodeLastFromUtf16(above, out Rune end, out _);
        Rune.DecodeFromUtf16(below, out Rune start, out _);
        return CjkScript.IsCjk(end) && CjkScript.IsCjk(start) ? "" : " ";
    }
}
