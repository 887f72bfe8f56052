namespace MaoOcr.Appliance.Tests.Diagnostics;

/// <summary>
/// What a PromQL expression refers to: metric names, the label names it matches on or groups by, and the values its
/// equality matchers require. Enough PromQL for dashboards: selectors, functions, aggregations with by/without,
/// vector matching, ranges, numbers, strings and Grafana's <c>$variables</c>.
/// </summary>
internal sealed class PromQlReferences
{
    private static readonly HashSet<string> s_groupingKeywords = new(StringComparer.Ordinal) { "by", "without", "on", "ignoring", "group_left", "group_right" };
    private static readonly HashSet<string> s_keywords = new(StringComparer.Ordinal) { "bool", "and", "or", "unless", "offset", "inf", "nan" };

    // Aggregation operators may be followed by "by (…)" rather than their parenthesis: never metrics.
    private static readonly HashSet<string> s_aggregations = new(StringComparer.Ordinal)
    {
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio",
    };

    public HashSet<string> Metrics { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Labels { get; } = new(StringComparer.Ordinal);

    public List<(string Label, string Value)> RequiredValues { get; } = [];

    public static PromQlReferences Parse(string expr)
    {
        var found = new PromQlReferences();
        int i = 0;
        while (i < expr.Length)
        {
            char c = expr[i];
            if (c == '"' || c == '\'')
            {
                i = SkipString(expr, i);
            }
            else if (c == '[')
            {
                i = expr.IndexOf(']', i) + 1;
                Assert.True(i > 0, $"Unclosed range in: {expr}");
            }
            else if (c == '{')
            {
                i = found.ReadMatchers(expr, i + 1);
            }
            else if (c == '$')
            {
                i = SkipIdentifier(expr, i + 1);
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < expr.Length && char.IsAsciiDigit(expr[i + 1])))
            {
                while (i < expr.Length && (char.IsAsciiLetterOrDigit(expr[i]) || expr[i] == '.'))
                {
                    i++;
                }
            }
            else if (IsIdentifierStart(c))
            {
                int end = SkipIdentifier(expr, i);
                string word = expr[i..end];
                int next = SkipSpaces(expr, end);
                bool call = next < expr.Length && expr[next] == '(';
                if (call && s_groupingKeywords.Contains(word))
                {
                    int close = expr.IndexOf(')', next);
                    foreach (string label in expr[(next + 1)..close].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        found.Labels.Add(label);
                    }
                    i = close + 1;
                    continue;
                }
                if (!call && !s_keywords.Contains(word.ToLowerInvariant()) && !s_groupingKeywords.Contains(word) && !s_aggregations.Contains(word))
                {
                    found.Metrics.Add(word);
                }
                i = end;
            }
            else
            {
                i++;
            }
        }
        return found;
    }

    private int ReadMatchers(string expr, int i)
    {
        while (true)
        {
            i = SkipSpaces(expr, i);
            Assert.True(i < expr.Length, $"Unclosed selector in: {expr}");
            if (expr[i] == '}')
            {
                return i + 1;
            }
            if (expr[i] == ',')
            {
                i++;
                continue;
            }
            int end = SkipIdentifier(expr, i);
            Assert.True(end > i, $"A label name was expected at {i} in: {expr}");
            string label = expr[i..end];
            i = SkipSpaces(expr, end);
            int operatorStart = i;
            while (i < expr.Length && expr[i] is '=' or '!' or '~')
            {
                i++;
            }
            string op = expr[operatorStart..i];
            i = SkipSpaces(expr, i);
            int valueEnd = SkipString(expr, i);
            string value = expr[(i + 1)..(valueEnd - 1)];
            Labels.Add(label);
            if (op == "=" && !value.Contains('$', StringComparison.Ordinal))
            {
                RequiredValues.Add((label, value));
            }
            i = valueEnd;
        }
    }

    private static int SkipString(string expr, int i)
    {
        char quote = expr[i];
        Assert.True(quote is '"' or '\'', $"A string was expected at {i} in: {expr}");
        i++;
        while (i < expr.Length && expr[i] != quote)
        {
            i += expr[i] == '\\' ? 2 : 1;
        }
        Assert.True(i < expr.Length, $"Unclosed string in: {expr}");
        return i + 1;
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c is '_' or ':';

    private static int SkipIdentifier(string expr, int i)
    {
        while (i < expr.Length && (char.IsAsciiLetterOrDigit(expr[i]) || expr[i] is '_' or ':'))
        {
            i++;
        }
        return i;
    }

    private static int SkipSpaces(string expr, int i)
    {
        while (i < expr.Length && char.IsWhiteSpace(expr[i]))
        {
            i++;
        }
        return i;
    }
}
