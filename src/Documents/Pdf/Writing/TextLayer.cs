namespace MaoOcr.Documents.Pdf.Writing;

/// <summary>
/// Writes a page's invisible text: one BT…ET object in render mode 3 (neither fill nor stroke, ISO 32000-1, 9.3.6),
/// one Tj per line, in the order given, so that extraction in content order (pdftotext -raw) follows reading order.
/// </summary>
internal static class TextLayer
{
    /// <summary>The page's resource name for the glyphless font.</summary>
    public const string FontResource = "F0";

    /// <summary>
    /// How far outside the page a corner may lie, in page sizes: one on each side. A recogniser's box pokes out a few
    /// pixels at most; anything further is a caller's bug, and bounding it keeps every number written small.
    /// </summary>
    private const double MaximumOverhangPages = 1;

    /// <summary>Throws unless every line is usable: not null, with text, and corners finite and near the page.</summary>
    /// <exception cref="ArgumentException">A line breaks a rule; the message gives its index.</exception>
    public static void Validate(IReadOnlyList<PdfTextLine> lines, int widthPixels, int heightPixels, string parameterName)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            PdfTextLine? line = lines[i];
            if (line is null || line.Text is null)
            {
                throw new ArgumentException($"Line {i} is null or has null text.", parameterName);
            }
            if (!IsNearPage(line.TopLeft, widthPixels, heightPixels) || !IsNearPage(line.TopRight, widthPixels, heightPixels)
                || !IsNearPage(line.BottomRight, widthPixels, heightPixels) || !IsNearPage(line.BottomLeft, widthPixels, heightPixels))
            {
                throw new ArgumentException(
                    $"Line {i} has a corner that is not a finite point within one page size of the {widthPixels}×{heightPixels}-pixel page: "
                    + $"{line.TopLeft}, {line.TopRight}, {line.BottomRight}, {line.BottomLeft}.",
                    parameterName);
            }
        }
    }

    /// <summary>True when at least one line has text to show, so the page needs the font.</summary>
    public static bool HasText(IReadOnlyList<PdfTextLine> lines)
    {
        foreach (PdfTextLine line in lines)
        {
            if (!CidEncoder.Trim(line.Text).IsEmpty)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Appends the text object for <paramref name="lines"/> (validated) to <paramref name="content"/>; lines with no text after trimming are left out.</summary>
    public static void Write(PdfBuffer content, IReadOnlyList<PdfTextLine> lines, PageMapping mapping, CidEncoder encoder)
    {
        content.Raw("BT\n3 Tr\n"u8);
        foreach (PdfTextLine line in lines)
        {
            ReadOnlySpan<char> text = CidEncoder.Trim(line.Text);
            if (text.IsEmpty)
            {
                continue;
            }
            LinePlacement place = LinePlacement.Create(line, mapping, CidEncoder.Count(text));
            content.Raw("/"u8).Ascii(FontResource).Raw(" "u8).Number(place.FontSize).Raw(" Tf "u8)
                .Number(place.HorizontalScaling).Raw(" Tz "u8)
                .Number(place.Cos).Raw(" "u8).Number(place.Sin).Raw(" "u8).Number(-place.Sin).Raw(" "u8).Number(place.Cos).Raw(" "u8)
                .Number(place.OriginX).Raw(" "u8).Number(place.OriginY).Raw(" Tm <"u8);
            encoder.Encode(text, content);
            content.Raw("> Tj\n"u8);
        }
        content.Raw("ET\n"u8);
    }

    private static bool IsNearPage(PdfPoint point, int widthPixels, int heightPixels)
        => double.IsFinite(point.X) && double.IsFinite(point.Y)
            && point.X >= -MaximumOverhangPages * widthPixels && point.X <= (1 + MaximumOverhangPages) * widthPixels
            && point.Y >= -MaximumOverhangPages * heightPixels && point.Y <= (1 + MaximumOverhangPages) * heightPixels;
}
