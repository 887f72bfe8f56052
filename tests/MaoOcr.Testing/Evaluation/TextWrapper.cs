using System.Text;
using SkiaSharp;

namespace MaoOcr.Testing.Evaluation;

/// <summary>
/// Greedy line breaking for mixed Chinese and Latin text: Latin words break at spaces, Chinese may break between
/// any two characters, and closing punctuation never starts a line nor opening punctuation end one.
/// </summary>
internal static class TextWrapper
{
    private const string NoBreakBefore = "，。、；：？！）》」』”’…%,.;:?!)]";
    private const string NoBreakAfter = "（《「『“‘([";

    public static List<string> Wrap(string paragraph, SKFont font, float maxWidth)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach ((string token, bool spaceBefore) in Tokens(paragraph))
        {
            if (line.Length == 0)
            {
                line.Append(token);
                continue;
            }
            string candidate = spaceBefore ? $"{line} {token}" : $"{line}{token}";
            if (font.MeasureText(candidate) <= maxWidth)
            {
                line.Clear().Append(candidate);
            }
            else
            {
                lines.Add(line.ToString());
                line.Clear().Append(token);
            }
        }
        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }
        return lines;
    }

    // A token is a Latin word (with its punctuation) or one Chinese character; closing punctuation is glued to the
    // token before it and opening punctuation to the token after it, so neither is stranded at a line's edge.
    private static List<(string Token, bool SpaceBefore)> Tokens(string text)
    {
        var tokens = new List<(string Token, bool SpaceBefore)>();
        var word = new StringBuilder();
        bool wordSpaceBefore = false;
        bool pendingSpace = false;

        void FlushWord()
        {
            if (word.Length > 0)
            {
                tokens.Add((word.ToString(), wordSpaceBefore));
                word.Clear();
            }
        }

        foreach (Rune rune in text.EnumerateRunes())
        {
            string s = rune.ToString();
            if (Rune.IsWhiteSpace(rune))
            {
                FlushWord();
                pendingSpace = tokens.Count > 0;
                continue;
            }
            bool glueBack = !pendingSpace && NoBreakBefore.Contains(s, StringComparison.Ordinal);
            if (IsWide(rune))
            {
                FlushWord();
                if (glueBack && tokens.Count > 0)
                {
                    tokens[^1] = (tokens[^1].Token + s, tokens[^1].SpaceBefore);
                }
                else
                {
                    tokens.Add((s, pendingSpace));
                }
            }
            else
            {
                if (word.Length == 0)
                {
                    if (glueBack && tokens.Count > 0)
                    {
                        tokens[^1] = (tokens[^1].Token + s, tokens[^1].SpaceBefore);
                        pendingSpace = false;
                        continue;
                    }
                    wordSpaceBefore = pendingSpace;
                }
                word.Append(s);
            }
            pendingSpace = false;
        }
        FlushWord();

        var glued = new List<(string Token, bool SpaceBefore)>(tokens.Count);
        foreach ((string token, bool spaceBefore) in tokens)
        {
            if (glued.Count > 0 && !spaceBefore && NoBreakAfter.Contains(glued[^1].Token[^1]))
            {
                glued[^1] = (glued[^1].Token + token, glued[^1].SpaceBefore);
            }
            else
            {
                glued.Add((token, spaceBefore));
            }
        }
        return glued;
    }

    private static bool IsWide(Rune rune) => rune.Value is (>= 0x2E80 and <= 0x9FFF) or (>= 0xF900 and <= 0xFAFF) or (>= 0xFF00 and <= 0xFFEF) or 0x201C or 0x201D or 0x2018 or 0x2019 or 0x2026 or 0x2014;
}
