using System.Globalization;
using System.Text;

namespace MaoOcr.WebSockets.Handshake;

/// <summary>
/// A server's HTTP/1.1 response head as the client's handshake reads it: the status line and the header fields (RFC 9112
/// §4, §5). A client reads one small head per connection, so it is parsed from a copy, not in place as requests are.
/// </summary>
internal sealed class ResponseHead
{
    // "HTTP/1.1 101": the version, a space and three digits.
    private const int StatusLineMinLength = 12;

    private readonly RequestHeader[] _headers;

    private ResponseHead(int statusCode, string reasonPhrase, RequestHeader[] headers)
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
        _headers = headers;
    }

    /// <summary>The three-digit status code, 100 to 999.</summary>
    public int StatusCode { get; }

    /// <summary>The reason phrase as sent; empty when there is none.</summary>
    public string ReasonPhrase { get; }

    /// <inheritdoc cref="HeaderFields.Count"/>
    public int Count(string name) => HeaderFields.Count(_headers, name);

    /// <inheritdoc cref="HeaderFields.GetFirst"/>
    public string? GetFirst(string name) => HeaderFields.GetFirst(_headers, name);

    /// <inheritdoc cref="HeaderFields.GetValues"/>
    public IReadOnlyList<string?> GetValues(string name) => HeaderFields.GetValues(_headers, name);

    /// <summary>Parses the bytes of a head up to its empty line, which is not included.</summary>
    /// <returns>The head; null when the bytes are not an HTTP/1.x status line followed by well-formed field lines.</returns>
    public static ResponseHead? Parse(ReadOnlySpan<byte> head)
    {
        string[] lines = Encoding.Latin1.GetString(head).Split("\r\n");
        // status-line = HTTP-version SP status-code SP [ reason-phrase ]
        string status = lines[0];
        if (status.Length < StatusLineMinLength
            || !status.StartsWith("HTTP/1.", StringComparison.Ordinal)
            || status[8] != ' '
            || !int.TryParse(status.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out int statusCode)
            || statusCode < 100
            || (status.Length > StatusLineMinLength && status[StatusLineMinLength] != ' '))
        {
            return null;
        }
        var headers = new RequestHeader[lines.Length - 1];
        for (int i = 1; i < lines.Length; i++)
        {
            // field-line = field-name ":" OWS field-value OWS; no whitespace before the colon (§5.1), no obs-fold (§5.2).
            string line = lines[i];
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line[colon - 1] is ' ' or '\t' || line[0] is ' ' or '\t')
            {
                return null;
            }
            headers[i - 1] = new RequestHeader(line[..colon], line[(colon + 1)..].Trim(' ', '\t'));
        }
        string reason = status.Length > StatusLineMinLength + 1 ? status[(StatusLineMinLength + 1)..] : string.Empty;
        return new ResponseHead(statusCode, reason, headers);
    }
}
