namespace MaoOcr.WebSockets.Handshake;

/// <summary>
/// A parsed HTTP/1.1 request head. Header fields keep their order and repeats; names compare case-insensitively
/// (RFC 9110 §5.1), through <see cref="HeaderFields"/>.
/// </summary>
internal sealed class RequestHead
{
    private readonly RequestHeader[] _headers;

    public RequestHead(string method, string target, string version, RequestHeader[] headers)
    {
        Method = method;
        Target = target;
        Version = version;
        _headers = headers;
        int question = target.IndexOf('?', StringComparison.Ordinal);
        Path = question < 0 ? target : target[..question];
        Query = question < 0 ? string.Empty : target[(question + 1)..];
    }

    /// <summary>The method, case-sensitive as RFC 9110 §9.1 says (<c>GET</c>, not <c>get</c>).</summary>
    public string Method { get; }

    /// <summary>The request-target as sent: path and query.</summary>
    public string Target { get; }

    /// <summary>The target up to its <c>?</c>, not percent-decoded.</summary>
    public string Path { get; }

    /// <summary>The target after its <c>?</c>, without it; empty when there is none.</summary>
    public string Query { get; }

    /// <summary>The HTTP-version as sent, for example <c>HTTP/1.1</c>.</summary>
    public string Version { get; }

    /// <summary>Every header field in the order received.</summary>
    public IReadOnlyList<RequestHeader> Headers => _headers;

    /// <summary>How many fields carry <paramref name="name"/>.</summary>
    public int Count(string name) => HeaderFields.Count(_headers, name);

    /// <summary>The value of the first field named <paramref name="name"/>; null when there is none.</summary>
    public string? GetFirst(string name) => HeaderFields.GetFirst(_headers, name);

    /// <summary>The values of every field named <paramref name="name"/>, in order; empty when there is none.</summary>
    public IReadOnlyList<string?> GetValues(string name) => HeaderFields.GetValues(_headers, name);
}
