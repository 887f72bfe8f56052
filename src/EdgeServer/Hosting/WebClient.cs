namespace MaoOcr.EdgeServer.Hosting;

/// <summary>Serves the web client embedded in the binary (src/EdgeServer/WebClient), so the appliance needs no files beside it.</summary>
internal static class WebClient
{
    public static async Task Serve(HttpContext context, string path)
    {
        if (path.Contains("..", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await using Stream? resource = typeof(WebClient).Assembly.GetManifestResourceStream("webclient/" + path);
        if (resource is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Response.ContentType = Path.GetExtension(path) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" or ".mjs" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".svg" => "image/svg+xml",
            ".png" => "image/png",
            ".json" => "application/json",
            _ => "application/octet-stream",
        };
        context.Response.Headers.CacheControl = "no-cache";
        await resource.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
