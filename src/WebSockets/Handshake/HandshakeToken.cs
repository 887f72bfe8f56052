using System.Security.Cryptography;
using System.Text;

namespace MaoOcr.WebSockets.Handshake;

/// <summary>
/// The API token check of the handshake, with <c>Hosting.ApiToken</c>'s rules: <c>Authorization: Bearer …</c>, else the
/// <c>token</c> query parameter (browsers cannot set headers on a WebSocket), compared in constant time.
/// </summary>
internal static class HandshakeToken
{
    private const string BearerPrefix = "Bearer ";
    private const string QueryName = "token";

    /// <summary>Whether <paramref name="head"/> carries <paramref name="expected"/>; always true when none is expected.</summary>
    public static bool Allows(RequestHead head, string? expected)
    {
        if (string.IsNullOrEmpty(expected))
        {
            return true;
        }
        string? given = null;
        string? authorization = head.Count("Authorization") == 1 ? head.GetFirst("Authorization") : null;
        if (authorization is not null && authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            given = authorization[BearerPrefix.Length..].Trim();
        }
        given ??= QueryValue(head.Query, QueryName);
        return given is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
    }

    /// <summary>The first value of <paramref name="name"/> in a query string, percent-decoded; null when absent.</summary>
    private static string? QueryValue(string query, string name)
    {
        ReadOnlySpan<char> rest = query;
        while (!rest.IsEmpty)
        {
            int amp = rest.IndexOf('&');
            ReadOnlySpan<char> pair = amp < 0 ? rest : rest[..amp];
            int equals = pair.IndexOf('=');
            ReadOnlySpan<char> key = equals < 0 ? pair : pair[..equals];
            if (key.SequenceEqual(name))
            {
                string raw = equals < 0 ? string.Empty : pair[(equals + 1)..].ToString();
                return Uri.UnescapeDataString(raw.Replace('+', ' '));
            }
            rest = amp < 0 ? [] : rest[(amp + 1)..];
        }
        return null;
    }
}
