using System.Text;

namespace MaoOcr.Inference.Layout;

/// <summary>
/// The characters of scripts written without spaces between words, where a line break inside a paragraph joins
/// with nothing: Han, Hiragana, Katakana, Bopomofo, Hangul, and the CJK punctuation and full-width forms set with them.
/// </summary>
internal static class CjkScript
{
    // Unicode 16 block ranges, inclusive.
    private static readonly (int First, int Last)[] s_ranges =
    [
        (0x1100, 0x11FF),   // Hangul Jamo
        (0x2E80, 0x2FDF),   // CJK Radicals Supplement, Kangxi Radicals
        (0x2FF0, 0x303F),   // Ideographic Description Characters, CJK Symbols and Punctuation
        (0x3040, 0x30FF),   // Hiragana, Katakana
        (0x3100, 0x31FF),   // Bopomofo, Hangul Compatibility Jamo, Kanbun, Bopomofo Extended, CJK Strokes, Katakana Phonetic Extensions
        (0x3200, 0x4DBF),   // Enclosed CJK Letters and Months, CJK Compatibility, CJK Unified Ideographs Extension A
        (0x4E00, 0x9FFF),   // CJK Unified Ideographs
        (0xA960, 0xA97F),   // Hangul Jamo Extended-A
        (0xAC00, 0xD7FF),   // Hangul Syllables, Hangul Jamo Extended-B
        (0xF900, 0xFAFF),   // CJK Compatibility Ideographs
        (0xFE10, 0xFE1F),   // Vertical Forms
        (0xFE30, 0xFE6F),   // CJK Compatibility Forms, Small Form Variants
        (0xFF00, 0xFFEF),   // Halfwidth and Fullwidth Forms
        (0x20000, 0x3FFFF), // Supplementary and Tertiary Ideographic Planes (Extensions B–J, compatibility supplement)
    ];

    public static bool IsCjk(Rune rune)
    {
        int value = rune.Value;
        foreach ((int first, int last) in s_ranges)
        {
            if (value < first)
            {
                return false;
            }
            if (value <= last)
            {
                return true;
            }
        }
        return false;
    }
}
