using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MaoOcr.Appliance.Rest;

/// <summary>
/// The request-line and header limits, enforced here rather than by Kestrel so that an API client over a limit gets the
/// JSON error object that names it (Kestrel's own 414 and 431 have empty bodies). Kestrel keeps a hard ceiling above
/// ours for heads too large to be worth reading at all; those still get its bare answer.
/// </summary>
public static class RequestHeadSize
{
    /// <summary>8 KiB: Kestrel's <c>MaxRequestLineSize</c> default, for the request target (path and query).</summary>
    public const int MaxTargetBytes = 8 * 1024;

    /// <summary>32 KiB: Kestrel's <c>MaxRequestHeadersTotalSize</c> default, and our WebSocket handshake's (<c>RequestHeadLimits</c>).</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>Where Kestrel stops reading and answers on its own: twice ours, so that ours speak first.</summary>
    public const int KestrelCeilingBytes = 64 * 1024;

    /// <summary>Raises Kestrel's limits to <see cref="KestrelCeilingBytes"/>; <see cref="Use"/> then applies ours.</summary>
    public static void ConfigureKestrel(KestrelServerLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.MaxRequestLineSize = KestrelCeilingBytes;
        limits.MaxRequestHeadersTotalSize = KestrelCeilingBytes;
    }

    /// <summary>Answers 414 or 431, with the error object under the API and plain text elsewhere, before any route runs.</summary>
    public static void Use(IApplicationBuilder app) => app.Use(static (context, next) =>
    {
        int target = TargetBytes(context);
        if (target > MaxTargetBytes)
        {
            return RestEndpoints.RefuseHeadAsync(context, StatusCodes.Status414UriTooLong,
                $"The request target is {target} bytes; the limit is {MaxTargetBytes}. Send the image in the body, not the URL.");
        }
        int headers = HeaderBytes(context.Request.Headers);
        if (headers > MaxHeaderBytes)
        {
            return RestEndpoints.RefuseHeadAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge,
                $"The request headers are {headers} bytes; the limit is {MaxHeaderBytes}.");
        }
        return next(context);
    });

    // Kestrel always sets the raw target; path and query are the fallback for a host that does not.
    private static int TargetBytes(HttpContext context) =>
        context.Features.Get<IHttpRequestFeature>()?.RawTarget?.Length
        ?? ((context.Request.PathBase + context.Request.Path).Value?.Length ?? 0) + (context.Request.QueryString.Value?.Length ?? 0);

    /// <summary>As Kestrel counts them: each name and value, with ": " and the line end.</summary>
    private static int HeaderBytes(IHeaderDictionary headers)
    {
        long total = 0;
        foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> header in headers)
        {
            foreach (string? value in header.Value)
            {
                total += header.Key.Length + (value?.Length ?? 0) + 4;
            }
        }
        return (int)Math.Min(total, int.MaxValue);
    }
}
