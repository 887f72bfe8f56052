using System.Collections.Concurrent;
using System.Text;
using SkiaSharp;

namespace MaoOcr.Testing.Documents;

/// <summary>
/// Undoes a quirk of extracted PDF text. A CJK font maps a radical and the ideograph it looks like (⼆ U+2F06 and
/// 二 U+4E8C, ⻚ U+2EDA and 页 U+9875) to one glyph, and a writer that builds the ToUnicode map from the font's cmap,
/// as Skia and so Chrome do, may name the radical; a text extractor then returns ⼆ where the page shows 二. NFKC
/// repairs only the Kangxi block (and .NET cannot NFKC-normalise with the invariant globalisation this repository
/// builds with), so this maps each radical back through the font itself: to the ideograph with the same glyph.
/// </summary>
public static class CjkRadicals
{
    private static readonly ConcurrentDictionary<TestFont, Dictionary<char, char>> s_maps = new();

    /// <summary>Whether <paramref name="text"/> holds a character from the CJK Radicals Supplement or Kangxi Radicals blocks (U+2E80–U+2FDF) or the CJK Compatibility Ideographs (U+F900–U+FAFF).</summary>
    public static bool Contains(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.AsSpan().IndexOfAnyInRange('\u2E80', '\u2FDF') >= 0 || text.AsSpan().IndexOfAnyInRange('\uF900', '\uFAFF') >= 0;
    }

    /// <summary>
    /// <paramref name="text"/> with each radical or compatibility ideograph that <paramref name="font"/> draws with the
    /// glyph of a unified ideograph (U+4E00–U+9FFF) replaced by that ideograph; every other character is left alone.
    /// </summary>
    /// <exception cref="MissingTestFontException"><paramref name="font"/> is not installed.</exception>
    public static string ToIdeographs(string text, TestFont font)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(font);
        if (!Contains(text))
        {
            return text;
        }
        Dictionary<char, char> map = s_maps.GetOrAdd(font, BuildMap);
        var result = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            result.Append(map.GetValueOrDefault(c, c));
        }
        return result.ToString();
    }

    private static Dictionary<char, char> BuildMap(TestFont font)
    {
        using var skFont = new SKFont(font.Typeface);
        var ideographByGlyph = new Dictionary<ushort, char>();
        for (char c = '\u4E00'; c <= '\u9FFF'; c++)
        {
            ushort glyph = skFont.GetGlyph(c);
            if (glyph != 0)
            {
                ideographByGlyph.TryAdd(glyph, c);
            }
        }
        var map = new Dictionary<char, char>();
        foreach ((char first, char last) in (ReadOnlySpan<(char, char)>)[('\u2E80', '\u2FDF'), ('\uF900', '\uFAFF')])
        {
            for (char c = first; c <= last; c++)
            {
                ushort glyph = skFont.GetGlyph(c);
                if (glyph != 0 && ideographByGlyph.TryGetValue(glyph, out char ideograph))
                {
                    map[c] = ideograph;
                }
            }
        }
        return map;
    }
}
