using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MaoOcr.WebSockets.Handshake;

/// <summary>
/// A <see cref="RequestHead"/> built from a request Kestrel's HTTP has already parsed, so the fallback path
/// (docs/design/websocket-layer.md, "Fallback") judges a handshake by exactly the rules of the fast path.
/// </summary>
internal static class HttpRequestHead
{
    /// <summary>The request's method, raw target, protocol and every header value in order (repeats kept).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public static RequestHead From(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        HttpRequest request = context.Request;
        // The raw target keeps the query exactly as sent (the token check percent-decodes it itself).
        string target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
        var headers = new List<RequestHeader>(request.Headers.Count + 2);
        foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> header in request.Headers)
        {
            foreach (string? value in header.Value)
            {
                headers.Add(new RequestHeader(header.Key, value ?? string.Empty));
            }
        }
        return new RequestHead(request.Method, target, request.Protocol, [.. headers]);
    }
}
