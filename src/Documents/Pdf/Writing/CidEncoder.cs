using System.Text;

namespace MaoOcr.Documents.Pdf.Writing;

/// <summary>
/// Turns a line's text into 2-byte CIDs for the Identity-H font, one CID per character, so that each character gets
/// one glyph advance and the text layer's characters spread evenly over the line.
/// </summary>
/// <remarks>
/// A character of the Basic Multilingual Plane is its own CID (its UTF-16 code unit), which the ToUnicode CMap maps
/// back to itself with identity ranges. The surrogate code units D800–DFFF never stand for a character on their own,
/// so that range is free: each distinct character outside the BMP (emoji, CJK Extension B) gets the next CID from it,
/// and ToUnicode maps that CID to the character's surrogate pair with a bfchar entry. A document with more than 2048
/// distinct such characters writes the rest as U+FFFD. Control characters become spaces (a tab between words still
/// separates them) and a lone surrogate becomes U+FFFD. One instance serves a whole document.
/// </remarks>
internal sealed class CidEncoder
{
    public const int FirstSupplementaryCid = 0xD800;
    public const int LastSupplementaryCid = 0xDFFF;
    private const char Space = ' ';

    private readonly Dictionary<int, ushort> _supplementaryCids = [];
    private readonly List<(ushort Cid, int CodePoint)> _supplementary = [];

    /// <summary>Characters outside the BMP given a CID so far, in the order they were met.</summary>
    public IReadOnlyList<(ushort Cid, int CodePoint)> Supplementary => _supplementary;

    /// <summary>The text the layer shows for <paramref name="text"/>: control characters as spaces, no surrounding white space.</summary>
    public static ReadOnlySpan<char> Trim(string text)
    {
        ReadOnlySpan<char> span = text;
        int start = 0, end = span.Length;
        while (start < end && IsBlank(span[start]))
        {
            start++;
        }
        while (end > start && IsBlank(span[end - 1]))
        {
            end--;
        }
        return span[start..end];
    }

    /// <summary>How many CIDs <see cref="Encode"/> writes for <paramref name="text"/>.</summary>
    public static int Count(ReadOnlySpan<char> text)
    {
        int count = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            count++;
        }
        return count;
    }

    /// <summary>Appends the CIDs of <paramref name="text"/> as hex digits (the inside of a hex string).</summary>
    public void Encode(ReadOnlySpan<char> text, PdfBuffer destination)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            int cid;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                cid = SupplementaryCid(char.ConvertToUtf32(c, text[i + 1]));
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                cid = Rune.ReplacementChar.Value;
            }
            else
            {
                cid = char.IsControl(c) ? Space : c;
            }
            destination.Hex4(cid);
        }
    }

    private int SupplementaryCid(int codePoint)
    {
        if (_supplementaryCids.TryGetValue(codePoint, out ushort cid))
        {
            return cid;
        }
        int next = FirstSupplementaryCid + _supplementary.Count;
        if (next > LastSupplementaryCid)
        {
            return Rune.ReplacementChar.Value;
        }
        cid = (ushort)next;
        _supplementaryCids.Add(codePoint, cid);
        _supplementary.Add((cid, codePoint));
        return cid;
    }

    private static bool IsBlank(char c) => char.IsWhiteSpace(c) || char.IsControl(c);
}
