namespace MaoOcr.WebSockets.Handshake;

/// <summary>
/// Lookups in a head's header fields, request or response: names compare case-insensitively (RFC 9110 §5.1), fields
/// keep their order and repeats. A handshake head has a dozen fields, so lookups scan the list rather than build a dictionary.
/// </summary>
internal static class HeaderFields
{
    /// <summary>How many fields carry <paramref name="name"/>.</summary>
    public static int Count(RequestHeader[] headers, string name)
    {
        int count = 0;
        foreach (RequestHeader header in headers)
        {
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>The value of the first field named <paramref name="name"/>; null when there is none.</summary>
    public static string? GetFirst(RequestHeader[] headers, string name)
    {
        foreach (RequestHeader header in headers)
        {
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value;
            }
        }
        return null;
    }

    /// <summary>The values of every field named <paramref name="name"/>, in order; empty when there is none.</summary>
    public static IReadOnlyList<string?> GetValues(RequestHeader[] headers, string name)
    {
        List<string?>? values = null;
        foreach (RequestHeader header in headers)
        {
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                (values ??= []).Add(header.Value);
            }
        }
        return values is null ? [] : values;
    }
}
