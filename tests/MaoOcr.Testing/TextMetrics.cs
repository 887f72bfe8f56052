using System.Text;

namespace MaoOcr.Testing;

/// <summary>
/// Character error rate and line matching for OCR output.
/// <para>
/// Text is compared as Unicode code points (so a Chinese character or an emoji is one character) with all
/// whitespace removed first. OCR engines differ in where they put spaces — between Chinese and Latin runs, around
/// punctuation, between pieces of a split line — and a space carries no content we grade, so spacing differences
/// cost nothing. No other normalisation happens: full-width and ASCII punctuation are different characters, as
/// they are in the recogniser's dictionary.
/// </para>
/// </summary>
public static partial class TextMetrics
{
    /// <summary>Levenshtein distance (insertions, deletions, substitutions, each costing 1) over code points, whitespace removed.</summary>
    public static int EditDistance(string expected, string actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        return EditDistance(CodePoints(expected), CodePoints(actual));
    }

    /// <summary>
    /// <see cref="EditDistance(string, string)"/> divided by the number of non-whitespace code points in
    /// <paramref name="expected"/>. 0 is perfect; above 1 is possible when much extra text is read. An empty
    /// <paramref name="expected"/> gives 0 when <paramref name="actual"/> is empty too, else 1.
    /// </summary>
    public static double CharacterErrorRate(string expected, string actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        int[] truth = CodePoints(expected);
        return Rate(EditDistance(truth, CodePoints(actual)), truth.Length);
    }

    /// <summary>Non-whitespace code points in <paramref name="text"/>: the denominator of the character error rate.</summary>
    public static int CountCharacters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int count = 0;
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (!Rune.IsWhiteSpace(rune))
            {
                count++;
            }
        }
        return count;
    }

    internal static double Rate(int edits, int length) => length == 0 ? (edits == 0 ? 0.0 : 1.0) : (double)edits / length;

    internal static int[] CodePoints(string text)
    {
        var points = new List<int>(text.Length);
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (!Rune.IsWhiteSpace(rune))
            {
                points.Add(rune.Value);
            }
        }
        return [.. points];
    }

    internal static int EditDistance(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        if (a.Length < b.Length)
        {
            ReadOnlySpan<int> swap = a;
            a = b;
            b = swap;
        }
        if (b.IsEmpty)
        {
            return a.Length;
        }
        // Two rows of the dynamic-programming table, over the shorter string.
        int[] previous = new int[b.Length + 1];
        int[] current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            int ai = a[i - 1];
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (ai == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
