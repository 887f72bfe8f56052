namespace MaoOcr.WebSockets.Handshake;

/// <summary>Reads comma-separated token lists such as <c>Connection: keep-alive, Upgrade</c> (RFC 9110 §5.6.1).</summary>
internal static class HttpTokenList
{
    /// <summary>
    /// Whether any of <paramref name="fieldValues"/> (several fields of one name are one list, RFC 9110 §5.3) lists
    /// <paramref name="token"/>, compared case-insensitively. Empty elements and whitespace around elements are ignored.
    /// </summary>
    public static bool Contains(IReadOnlyList<string?> fieldValues, string token)
    {
        for (int i = 0; i < fieldValues.Count; i++)
        {
            ReadOnlySpan<char> rest = fieldValues[i];
            while (!rest.IsEmpty)
            {
                int comma = rest.IndexOf(',');
                ReadOnlySpan<char> element = (comma < 0 ? rest : rest[..comma]).Trim(" \t");
                if (element.Equals(token, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
                rest = comma < 0 ? [] : rest[(comma + 1)..];
            }
        }
        return false;
    }
}
