using System.Diagnostics;

namespace MaoOcr.WebSockets.Handshake;

/// <summary>The one place each <see cref="HandshakeRefusal"/> gets its status code, headers and wording.</summary>
internal static class HandshakeRefusals
{
    private static readonly RequestHeader[] s_allowGet = [new("Allow", "GET")];
    private static readonly RequestHeader[] s_version13 = [new("Sec-WebSocket-Version", "13")];
    private static readonly RequestHeader[] s_version13Upgrade = [.. s_version13, new("Upgrade", "websocket")];
    private static readonly RequestHeader[] s_bearer = [new("WWW-Authenticate", "Bearer")];

    /// <summary>The HTTP status code that answers <paramref name="refusal"/>.</summary>
    public static int StatusCode(HandshakeRefusal refusal) => refusal switch
    {
        HandshakeRefusal.MethodNotGet => 405,
        HandshakeRefusal.UnsupportedVersion => 426,
        HandshakeRefusal.OriginNotAllowed => 403,
        HandshakeRefusal.Unauthorized => 401,
        _ => 400,
    };

    /// <summary>The headers RFC 9110 or RFC 6455 require beside that status.</summary>
    public static IReadOnlyList<RequestHeader> ExtraHeaders(HandshakeRefusal refusal) => refusal switch
    {
        // RFC 9110 §15.5.6: a 405 must list the allowed methods.
        HandshakeRefusal.MethodNotGet => s_allowGet,
        // RFC 6455 §4.2.2: the server names the versions it speaks; 426 also needs an Upgrade header (RFC 9110 §15.5.22).
        HandshakeRefusal.UnsupportedVersion => s_version13Upgrade,
        HandshakeRefusal.MissingVersion => s_version13,
        // RFC 9110 §15.5.2: a 401 must carry a challenge.
        HandshakeRefusal.Unauthorized => s_bearer,
        _ => [],
    };

    /// <summary>The reason phrase of a status code this layer sends.</summary>
    public static string ReasonPhrase(int statusCode) => statusCode switch
    {
        101 => "Switching Protocols",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        426 => "Upgrade Required",
        _ => "Error",
    };

    /// <summary>One line, ASCII, naming the problem for the refusal's body.</summary>
    public static string Describe(HandshakeRefusal refusal)
    {
        Debug.Assert(refusal != HandshakeRefusal.None);
        return refusal switch
        {
            HandshakeRefusal.MethodNotGet => "A WebSocket handshake must use GET.",
            HandshakeRefusal.NotHttp11 => "A WebSocket handshake must use HTTP/1.1.",
            HandshakeRefusal.BadHost => "The request must carry exactly one Host header.",
            HandshakeRefusal.NotUpgradeToWebSocket => "The Upgrade header must list websocket.",
            HandshakeRefusal.ConnectionNotUpgrade => "The Connection header must list Upgrade.",
            HandshakeRefusal.BadKey => "Sec-WebSocket-Key must appear once and be base64 of 16 bytes.",
            HandshakeRefusal.MissingVersion => "Sec-WebSocket-Version must appear once; this server speaks 13.",
            HandshakeRefusal.UnsupportedVersion => "This server speaks WebSocket version 13 only.",
            HandshakeRefusal.OriginNotAllowed => "This Origin is not allowed.",
            HandshakeRefusal.Unauthorized => "A valid API token is required.",
            _ => "The WebSocket handshake was refused.",
        };
    }
}
