using System.Globalization;
using System.Text;

namespace MaoOcr.Documents.Pdf.Reading;

/// <summary>
/// Reads <c>pdftotext -tsv</c>: one row per page (level 1), text flow (3), line (4) and word (5), with
/// <c>left top width height</c> in points from the page's top-left as shown. Rows we do not understand fail the parse;
/// coordinates outside the page are clamped, since the words came from a hostile file.
/// </summary>
public static class TextLayerParser
{
    private const int LevelPage = 1;
    private const int LevelFlow = 3;
    private const int LevelLine = 4;
    private const int LevelWord = 5;
    private const int Columns = 12;

    /// <summary>Parses <paramref name="tsv"/> into its pages, in order; false on a malformed row.</summary>
    public static bool TryParse(ReadOnlySpan<byte> tsv, out IReadOnlyList<TextLayerPage> pages)
    {
        var result = new List<TextLayerPage>();
        pages = result;
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(tsv);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        var lines = new List<TextLayerLine>();
        var words = new StringBuilder();
        int page = 0, block = -1;
        double pageWidth = 0, pageHeight = 0;
        (double L, double T, double R, double B) box = default;
        bool first = true;

        void EndLine()
        {
            if (words.Length > 0)
            {
                lines.Add(new TextLayerLine(words.ToString(), Math.Max(block, 0), box.L, box.T, box.R - box.L, box.B - box.T));
                words.Clear();
            }
        }

        void EndPage()
        {
            EndLine();
            if (page > 0)
            {
                result.Add(new TextLayerPage(page, lines.ToArray()));
                lines.Clear();
            }
        }

        foreach (string row in text.Split('\n'))
        {
            if (row.Length == 0)
            {
                continue;
            }
            if (first)
            {
                first = false;
                if (row.StartsWith("level\t", StringComparison.Ordinal))
                {
                    continue;
                }
            }
            string[] cells = row.Split('\t');
            if (cells.Length < Columns || !int.TryParse(cells[0], NumberStyles.None, CultureInfo.InvariantCulture, out int level)
                || !int.TryParse(cells[1], NumberStyles.None, CultureInfo.InvariantCulture, out int pageNumber)
                || !TryNumber(cells[6], out double left) || !TryNumber(cells[7], out double top)
                || !TryNumber(cells[8], out double width) || !TryNumber(cells[9], out double height))
            {
                return false;
            }
            // A word may hold a tab only if poppler changes its format; keep the rest of the row as its text.
            string word = cells.Length == Columns ? cells[11] : string.Join(' ', cells[11..]);
            switch (level)
            {
                case LevelPage:
                    EndPage();
                    if (pageNumber <= page)
                    {
                        return false;
                    }
                    page = pageNumber;
                    block = -1;
                    // The page row gives the unrotated size while words are placed on the page as shown (after
                    // /Rotate), so either side may be the width: clamp to the longer one.
                    pageWidth = pageHeight = Math.Max(width, height);
                    break;
                case LevelFlow:
                    EndLine();
                    block++;
                    break;
                case LevelLine:
                    EndLine();
                    break;
                case LevelWord:
                    if (page == 0 || pageNumber != page)
                    {
                        return false;
                    }
                    word = RadicalFolding.Fold(word.Trim());
                    if (word.Length == 0)
                    {
                        break;
                    }
                    double l = Clamp(left, pageWidth), t = Clamp(top, pageHeight);
                    double r = Clamp(left + width, pageWidth), b = Clamp(top + height, pageHeight);
                    if (words.Length == 0)
                    {
                        box = (l, t, r, b);
                    }
                    else
                    {
                        words.Append(' ');
                        box = (Math.Min(box.L, l), Math.Min(box.T, t), Math.Max(box.R, r), Math.Max(box.B, b));
                    }
                    words.Append(word);
                    break;
                default:
                    // Levels 2 (block) and others carry no text.
                    break;
            }
        }
        EndPage();
        return true;
    }

    private static bool TryNumber(string cell, out double value)
        => double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static double Clamp(double value, double max) => Math.Clamp(value, 0, Math.Max(max, 0));
}
