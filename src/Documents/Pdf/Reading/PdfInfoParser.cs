using System.Globalization;

namespace MaoOcr.Documents.Pdf.Reading;

/// <summary>
/// Reads the output of <c>pdfinfo -f 1 -l N FILE</c>: "Pages:", "Encrypted:", and per page "Page    3 size: 595.28 x 841.89 pts
/// (A4)" and "Page    3 rot:  90". The output comes from a tool that read a hostile file, so nothing in it is trusted: every
/// number is range-checked and anything unexpected is a failed parse, not an exception.
/// </summary>
public static class PdfInfoParser
{
    /// <summary>The largest page side a PDF may have: 14,400 units (ISO 32000-1, Annex C), times a generous /UserUnit of 75 (Acrobat's maximum).</summary>
    public const double MaxPageSidePoints = 14_400 * 75;

    /// <summary>Parses <paramref name="text"/>; false when it has no page count or a page line is malformed.</summary>
    public static bool TryParse(string text, out PdfInfo info)
    {
        info = new PdfInfo(0, false, []);
        int? pageCount = null;
        bool encrypted = false;
        var sizes = new SortedDictionary<int, (double W, double H)>();
        var rotations = new Dictionary<int, int>();
        foreach (string rawLine in text.Split('\n'))
        {
            ReadOnlySpan<char> line = rawLine.AsSpan().TrimEnd('\r');
            if (line.StartsWith("Pages:", StringComparison.Ordinal))
            {
                if (!int.TryParse(line["Pages:".Length..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int count))
                {
                    return false;
                }
                pageCount = count;
            }
            else if (line.StartsWith("Encrypted:", StringComparison.Ordinal))
            {
                encrypted = line["Encrypted:".Length..].Trim().StartsWith("yes", StringComparison.Ordinal);
            }
            else if (line.StartsWith("Page ", StringComparison.Ordinal) && !line.StartsWith("Page size:", StringComparison.Ordinal) && !line.StartsWith("Page rot:", StringComparison.Ordinal))
            {
                if (!TryParsePageLine(line["Page ".Length..], sizes, rotations))
                {
                    return false;
                }
            }
        }
        if (pageCount is not int pages)
        {
            return false;
        }
        var list = new List<PdfPageInfo>(sizes.Count);
        int expected = 1;
        foreach ((int number, (double w, double h)) in sizes)
        {
            // pdfinfo lists pages 1..N in order; a gap means output we do not understand.
            if (number != expected++ || number > pages)
            {
                return false;
            }
            int rotate = rotations.GetValueOrDefault(number);
            bool quarter = rotate is 90 or 270;
            list.Add(new PdfPageInfo(number, quarter ? h : w, quarter ? w : h, rotate));
        }
        info = new PdfInfo(pages, encrypted, list);
        return true;
    }

    private static bool TryParsePageLine(ReadOnlySpan<char> rest, SortedDictionary<int, (double, double)> sizes, Dictionary<int, int> rotations)
    {
        rest = rest.TrimStart(' ');
        int space = rest.IndexOf(' ');
        if (space <= 0 || !int.TryParse(rest[..space], NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number < 1)
        {
            return false;
        }
        rest = rest[space..].TrimStart(' ');
        if (rest.StartsWith("size:", StringComparison.Ordinal))
        {
            // "595.28 x 841.89 pts (A4)"
            ReadOnlySpan<char> value = rest["size:".Length..].Trim();
            int x = value.IndexOf(" x ", StringComparison.Ordinal);
            if (x <= 0)
            {
                return false;
            }
            ReadOnlySpan<char> after = value[(x + 3)..];
            int end = after.IndexOf(' ');
            if (!TryPoints(value[..x], out double w) || !TryPoints(end < 0 ? after : after[..end], out double h))
            {
                return false;
            }
            sizes[number] = (w, h);
            return true;
        }
        if (rest.StartsWith("rot:", StringComparison.Ordinal))
        {
            if (!int.TryParse(rest["rot:".Length..].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int rotate))
            {
                return false;
            }
            // /Rotate must be a multiple of 90 (ISO 32000-1, Table 30); poppler already normalises it to 0–270.
            rotate = ((rotate % 360) + 360) % 360;
            if (rotate % 90 != 0)
            {
                return false;
            }
            rotations[number] = rotate;
            return true;
        }
        // Other per-page lines (boxes with -box) are not asked for; ignore them.
        return true;
    }

    private static bool TryPoints(ReadOnlySpan<char> text, out double value)
        => double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
           && value > 0 && value <= MaxPageSidePoints && double.IsFinite(value);
}
