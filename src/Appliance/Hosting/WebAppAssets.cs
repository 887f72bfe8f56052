using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace MaoOcr.Appliance.Hosting;

/// <summary>
/// Serves the web app and the JS client embedded in this assembly (clients/web and clients/js), so the appliance needs
/// no files beside it and the page works on a LAN without internet.
/// </summary>
internal static class WebAppAssets
{
    /// <summary>
    /// The page names are not fingerprinted, so browsers must revalidate every time; the ETag makes that a
    /// 304 without a body (what phones on a slow Wi-Fi want after the first visit).
    /// </summary>
    private const string CacheControl = "no-cache";

    /// <summary>
    /// Everything the app loads comes from the appliance itself; the WebSocket goes to the same host
    /// ('self' covers ws:/wss: of the page's origin, CSP Level 3); images are shown from blob: and data: URLs.
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; connect-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

    private static readonly ConcurrentDictionary<string, Asset> s_assets = new(StringComparer.Ordinal);

    /// <summary>One embedded file, read once: its bytes, content type and ETag (a hash of the bytes).</summary>
    private sealed record Asset(byte[] Bytes, string ContentType, string ETag);

    public static async Task Serve(HttpContext context, string path)
    {
        Asset? asset = path.Contains("..", StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal)
            ? null
            : Find(path);
        HttpResponse response = context.Response;
        if (asset is null)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        response.Headers.ETag = asset.ETag;
        response.Headers.CacheControl = CacheControl;
        response.Headers.XContentTypeOptions = "nosniff";
        if (asset.ContentType.StartsWith("text/html", StringComparison.Ordinal))
        {
            response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            response.Headers["Referrer-Policy"] = "no-referrer";
        }
        if (context.Request.Headers.IfNoneMatch.Contains(asset.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Bytes.Length;
        await response.Body.WriteAsync(asset.Bytes, context.RequestAborted).ConfigureAwait(false);
    }

    // Only files that exist are cached: the embedded set is fixed and small, while a client can ask for any number
    // of names that do not exist, and remembering those misses would grow the dictionary without bound.
    private static Asset? Find(string path)
    {
        if (s_assets.TryGetValue(path, out Asset? asset))
        {
            return asset;
        }
        asset = Load(path);
        return asset is null ? null : s_assets.GetOrAdd(path, asset);
    }

    private static Asset? Load(string path)
    {
        using Stream? resource = typeof(WebAppAssets).Assembly.GetManifestResourceStream("webclient/" + path);
        if (resource is null)
        {
            return null;
        }
        var bytes = new byte[resource.Length];
        resource.ReadExactly(bytes);
        string etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 12))}\"";
        return new Asset(bytes, ContentTypeOf(path), etag);
    }

    /// <summary>The media type for a file name; unknown kinds are served as bytes (and nosniff keeps them so).</summary>
    internal static string ContentTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" or ".mjs" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".json" or ".map" => "application/json; charset=utf-8",
        ".ts" or ".txt" or ".md" => "text/plain; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".webp" => "image/webp",
        ".ico" => "image/x-icon",
        ".woff2" => "font/woff2",
        ".webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    };
}
