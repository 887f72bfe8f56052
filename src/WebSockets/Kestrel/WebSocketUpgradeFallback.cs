using System.Net;
using MaoOcr.WebSockets.Compression;
using MaoOcr.WebSockets.Handshake;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MaoOcr.WebSockets.Kestrel;

/// <summary>
/// The fallback of docs/design/websocket-layer.md: a handshake that reached Kestrel's HTTP (a later request on a
/// keep-alive connection, which the connection middleware does not read) is judged by the same
/// <see cref="WebSocketHandshake.Evaluate"/>, answered through Kestrel (refusal, or 101 via
/// <see cref="IHttpUpgradeFeature"/>), and the same <see cref="WebSocketHandler"/> runs over the upgraded stream.
/// </summary>
public static class WebSocketUpgradeFallback
{
    /// <summary>Answers one HTTP request for the WebSocket endpoint; on accept, runs <paramref name="handler"/> until it returns.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Task HandleAsync(HttpContext context, HandshakeOptions handshake, WebSocketLimits limits, WebSocketHandler handler)
    {
        ArgumentNullException.ThrowIfNull(context);
        return HandleAsync(context, handshake, limits, handler, context.Connection.RemoteIpAddress);
    }

    /// <summary>
    /// As <see cref="HandleAsync(HttpContext, HandshakeOptions, WebSocketLimits, WebSocketHandler)"/>, with the peer whose
    /// X-Forwarded-* fields may be believed (when <see cref="HandshakeOptions"/> trusts it). Pass null when the host's
    /// ForwardedHeaders middleware has already applied them: Host and the remote address are then the browser's, and
    /// reading the fields again would take entries the middleware left (a client's own) for the balancer's.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="proxyPeer"/> is null.</exception>
    public static async Task HandleAsync(HttpContext context, HandshakeOptions handshake, WebSocketLimits limits, WebSocketHandler handler, IPAddress? proxyPeer)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(handshake);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(handler);

        HandshakeResult result = WebSocketHandshake.Evaluate(HttpRequestHead.From(context), handshake, proxyPeer);
        IHttpUpgradeFeature? upgrade = context.Features.Get<IHttpUpgradeFeature>();
        if (result.Outcome == HandshakeOutcome.Accept && upgrade is { IsUpgradableRequest: true })
        {
            await AcceptAsync(context, upgrade, result, handshake, limits, handler).ConfigureAwait(false);
            return;
        }
        if (result.Outcome == HandshakeOutcome.PassToHttp)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        // Refused, or valid but not upgradable here (Kestrel only upgrades HTTP/1.1 requests without a body).
        int status = result.Outcome == HandshakeOutcome.Refuse ? result.StatusCode : StatusCodes.Status400BadRequest;
        string reason = result.Outcome == HandshakeOutcome.Refuse ? result.Reason : "This request cannot be upgraded to a WebSocket.";
        context.Response.StatusCode = status;
        foreach (RequestHeader header in result.ExtraHeaders)
        {
            context.Response.Headers.Append(header.Name, header.Value);
        }
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(reason + "\n", context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task AcceptAsync(HttpContext context, IHttpUpgradeFeature upgrade, HandshakeResult result, HandshakeOptions handshake, WebSocketLimits limits, WebSocketHandler handler)
    {
        // Kestrel writes the 101 status line and Connection: Upgrade; the rest of RFC 6455 §4.2.2 item 5 is ours.
        IHeaderDictionary headers = context.Response.Headers;
        headers.Upgrade = "websocket";
        headers.SecWebSocketAccept = result.AcceptValue;
        if (result.ExtensionsHeaderValue is { } extensions)
        {
            headers.SecWebSocketExtensions = extensions;
        }
        Stream stream = await upgrade.UpgradeAsync().ConfigureAwait(false);
        var transport = new StreamDuplexPipe(stream);
        DeflateParameters? deflate = result.Deflate.IsAccepted ? result.Deflate.Parameters : null;
        var socket = WebSocketConnection.CreateServer(transport, limits, deflate, handshake.Deflate);
        try
        {
            await using (socket.ConfigureAwait(false))
            {
                await handler(socket, new UpgradedConnectionContext(context, transport)).ConfigureAwait(false);
            }
        }
        finally
        {
            await transport.Output.CompleteAsync().ConfigureAwait(false);
            await transport.Input.CompleteAsync().ConfigureAwait(false);
        }
    }
}
