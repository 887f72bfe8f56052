using System.Text.Json;
using MaoOcr.Appliance.Core;
using MaoOcr.Appliance.Diagnostics;
using MaoOcr.Appliance.Hosting;
using MaoOcr.Appliance.Protocol;
using MaoOcr.Appliance.Sessions;
using MaoOcr.Inference.Devices;
using MaoOcr.WebSockets.Handshake;
using Microsoft.Extensions.Options;

namespace MaoOcr.Appliance.Rest;

/// <summary>The REST API for scripts, health, readiness and metrics, and the embedded web client.</summary>
public static class RestEndpoints
{
    /// <summary>The OCR route; POST only.</summary>
    public const string OcrRoute = "/api/ocr";

    /// <summary>Where the API's routes live: requests under it are answered with the JSON error object, never the web app.</summary>
    public const string ApiPrefix = "/api";

    public static void Map(WebApplication app)
    {
        RequestHeadSize.Use(app);
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", Ready);
        app.MapGet("/metrics", (ServerMetrics metrics) => Results.Text(metrics.RenderPrometheus(), "text/plain; version=0.0.4; charset=utf-8"));
        app.MapPost(OcrRoute, OcrAsync);
        // Every other request under /api gets the error object here, not the web app's bare 404 or routing's 405, whose
        // Allow would name the web app's GET too: a literal first segment outranks the web app's /{*path}.
        app.Map(ApiPrefix + "/{**rest}", ApiFallbackAsync);
        // The fallback: a WebSocket handshake sent as a later request on a keep-alive connection reaches HTTP.
        OcrWebSocketEndpoint webSocket = app.Services.GetRequiredService<OcrWebSocketEndpoint>();
        app.Map(HandshakeOptions.DefaultPath, (RequestDelegate)webSocket.FallbackAsync);
        app.MapGet("/", (HttpContext context) => WebAppAssets.Serve(context, "index.html"));
        app.MapGet("/{*path}", (HttpContext context, string path) => WebAppAssets.Serve(context, path));
    }

    private static IResult Ready(EngineHost engine, ShutdownDrain drain)
    {
        if (drain.IsDraining)
        {
            // First, so the balancer's check takes this appliance out of rotation before its connections close with 1001.
            return Results.Text("not ready: draining\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        if (engine.Engine is { } ready)
        {
            // The device is what an operator checks after switching to a GPU (deploy/jetson/README.md).
            return Results.Text($"ready: onnxruntime {ready.RuntimeVersion} on {ready.Device.SettingName()}\n");
        }
        return Results.Text(engine.Failure is { } failure ? $"not ready: {failure}\n" : "not ready: loading and warming the models\n", statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>
    /// POST /api/ocr: the image as the raw body (any image Content-Type or application/octet-stream), or
    /// multipart/form-data with one or more files (several make a batch). Query: language,
    /// accuracy_requirement, document_type. The answer is ocr_complete's data, or an error object.
    /// </summary>
    private static async Task OcrAsync(HttpContext context, OcrService service, ApiToken token, IOptions<ProtocolLimits> limits, ServerMetrics metrics)
    {
        string requestId = RequestId(context);
        if (!token.Allows(context.Request))
        {
            metrics.Refused(ErrorCode.Unauthorized);
            await WriteErrorAsync(context, requestId, ErrorCode.Unauthorized, "A valid API token is required (Authorization: Bearer <token>).", null).ConfigureAwait(false);
            return;
        }
        if (!TryRequirements(context.Request.Query, out Requirements requirements, out string? problem))
        {
            metrics.Refused(ErrorCode.InvalidMessage);
            await WriteErrorAsync(context, requestId, ErrorCode.InvalidMessage, problem!, null).ConfigureAwait(false);
            return;
        }
        if (!TryWantsPdf(context.Request, out bool wantsPdf, out problem))
        {
            metrics.Refused(ErrorCode.InvalidMessage);
            await WriteErrorAsync(context, requestId, ErrorCode.InvalidMessage, problem!, null).ConfigureAwait(false);
            return;
        }

        List<OcrImage> images = [];
        try
        {
            ImageRefusal? refused = await RequestImageReader.ReadAsync(context, limits.Value, images).ConfigureAwait(false);
            if (refused is { } r)
            {
                metrics.Refused(r.Code);
                await WriteErrorAsync(context, requestId, r.Code, r.Message, null, r.Status).ConfigureAwait(false);
                return;
            }
            var request = new OcrRequest(context.Connection.Id, images, requirements.ToOptions(), "rest")
            {
                ForceOcr = requirements.ForceOcr,
                SearchablePdf = wantsPdf,
            };
            OcrOutcome outcome = await service.RunAsync(request, observer: null, context.RequestAborted).ConfigureAwait(false);
            if (!outcome.Succeeded)
            {
                await WriteErrorAsync(context, requestId, ErrorCodes.FromFailure(outcome.Failure!.Value), outcome.Message!, outcome.RetryAfterMs).ConfigureAwait(false);
                return;
            }
            if (wantsPdf && outcome.SearchablePdf is { } pdf)
            {
                context.Response.ContentType = "application/pdf";
                context.Response.Headers.ContentDisposition = "attachment; filename=\"searchable.pdf\"";
                context.Response.Headers["X-Request-Id"] = requestId;
                context.Response.ContentLength = pdf.Length;
                await context.Response.Body.WriteAsync(pdf, context.RequestAborted).ConfigureAwait(false);
                return;
            }
            context.Response.ContentType = "application/json; charset=utf-8";
            await using (var json = new Utf8JsonWriter(context.Response.BodyWriter))
            {
                json.WriteStartObject();
                json.WriteString("request_id", requestId);
                json.WriteBoolean("cached", outcome.Cached);
                if (images.Count == 1)
                {
                    ServerMessageWriter.WriteItemFields(json, outcome.Results![0]);
                }
                else
                {
                    json.WriteString("text", string.Join("\n\n", outcome.Results!.Select(r => r.Text)));
                    json.WriteStartArray("results");
                    foreach (OcrItemResult result in outcome.Results!)
                    {
                        json.WriteStartObject();
                        ServerMessageWriter.WriteItemFields(json, result);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
        }
        finally
        {
            foreach (OcrImage image in images)
            {
                image.Dispose();
            }
        }
    }

    /// <summary>A request under <see cref="ApiPrefix"/> that no route takes: the wrong method on a route, or no such route.</summary>
    private static Task ApiFallbackAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? ApiPrefix;
        if (string.Equals(path.TrimEnd('/'), OcrRoute, StringComparison.OrdinalIgnoreCase))
        {
            // RFC 9110 §15.5.6: a 405 lists the methods the resource allows.
            context.Response.Headers.Allow = HttpMethods.Post;
            return WriteErrorAsync(context, RequestId(context), ErrorCode.InvalidMessage,
                $"{OcrRoute} takes POST with the image as the body; {context.Request.Method} is not allowed.", null, StatusCodes.Status405MethodNotAllowed);
        }
        return WriteErrorAsync(context, RequestId(context), ErrorCode.InvalidMessage,
            $"There is no API route {Requirements.Truncate(path)}; OCR is POST {OcrRoute}.", null, StatusCodes.Status404NotFound);
    }

    /// <summary>A request whose head is over a limit (414, 431): the error object under the API, a line of text elsewhere.</summary>
    internal static Task RefuseHeadAsync(HttpContext context, int status, string message)
    {
        // The connection is not worth keeping: the next head from this client is likely as large.
        context.Response.Headers.Connection = "close";
        if (context.Request.Path.StartsWithSegments(ApiPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return WriteErrorAsync(context, RequestId(context), ErrorCode.InvalidMessage, message, null, status);
        }
        context.Response.StatusCode = status;
        return context.Response.WriteAsync(message + "\n");
    }

    /// <summary>The client's X-Request-Id, so its logs and ours can be matched; else a fresh one.</summary>
    private static string RequestId(HttpContext context) => context.Request.Headers["X-Request-Id"].FirstOrDefault() ?? Guid.NewGuid().ToString("N");

    private static bool TryRequirements(IQueryCollection query, out Requirements requirements, out string? problem)
    {
        if (!Requirements.TryCreate(query["document_type"].FirstOrDefault(), query["language"].FirstOrDefault(), query["accuracy_requirement"].FirstOrDefault(), out requirements, out problem))
        {
            return false;
        }
        string? force = query["force_ocr"].FirstOrDefault();
        if (!string.IsNullOrEmpty(force) && force is not ("true" or "false" or "1" or "0"))
        {
            problem = $"force_ocr is true or false, not '{Requirements.Truncate(force)}'.";
            return false;
        }
        requirements = requirements with { ForceOcr = force is "true" or "1" };
        return true;
    }

    /// <summary>
    /// Whether the client wants the searchable PDF instead of JSON: <c>output=pdf</c>, or an Accept header that ranks
    /// application/pdf above JSON (a browser's download, <c>curl -H 'Accept: application/pdf'</c>).
    /// </summary>
    private static bool TryWantsPdf(HttpRequest request, out bool pdf, out string? problem)
    {
        problem = null;
        string? output = request.Query["output"].FirstOrDefault();
        if (!string.IsNullOrEmpty(output))
        {
            pdf = string.Equals(output, "pdf", StringComparison.OrdinalIgnoreCase);
            if (!pdf && !string.Equals(output, "json", StringComparison.OrdinalIgnoreCase))
            {
                problem = $"output is json or pdf, not '{Requirements.Truncate(output)}'.";
                return false;
            }
            return true;
        }
        pdf = false;
        if (Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out IList<Microsoft.Net.Http.Headers.MediaTypeHeaderValue>? accepted))
        {
            double pdfQuality = -1, jsonQuality = -1;
            foreach (Microsoft.Net.Http.Headers.MediaTypeHeaderValue type in accepted)
            {
                double quality = type.Quality ?? 1;
                if (type.MediaType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase))
                {
                    pdfQuality = Math.Max(pdfQuality, quality);
                }
                else if (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
                {
                    jsonQuality = Math.Max(jsonQuality, quality);
                }
            }
            pdf = pdfQuality > 0 && pdfQuality > jsonQuality;
        }
        return true;
    }

    /// <param name="status">The HTTP status where the route or Kestrel decided it (404, 405, 408, 414, 431); null for the one that goes with <paramref name="code"/>.</param>
    private static async Task WriteErrorAsync(HttpContext context, string requestId, ErrorCode code, string message, int? retryAfterMs, int? status = null)
    {
        context.Response.StatusCode = status ?? code switch
        {
            ErrorCode.InvalidMessage or ErrorCode.InvalidImage => StatusCodes.Status400BadRequest,
            ErrorCode.Unauthorized => StatusCodes.Status401Unauthorized,
            ErrorCode.ImageTooLarge => StatusCodes.Status413PayloadTooLarge,
            ErrorCode.UnsupportedFormat => StatusCodes.Status415UnsupportedMediaType,
            ErrorCode.Busy => StatusCodes.Status503ServiceUnavailable,
            ErrorCode.Timeout => StatusCodes.Status504GatewayTimeout,
            _ => StatusCodes.Status500InternalServerError,
        };
        if (retryAfterMs is int retry)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (retry + 999) / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
        json.WriteStartObject();
        ServerMessageWriter.WriteErrorFields(json, requestId, code, message, retryAfterMs);
        json.WriteEndObject();
    }
}
