using MaoOcr.Client.Protocol;

namespace MaoOcr.Client.Internal;

/// <summary>Turns the address a user gives (<c>ws://box:8080</c>, <c>http://box:8080</c>) into the endpoint's WebSocket URI.</summary>
internal static class EndpointAddress
{
    /// <exception cref="ArgumentException">Not an absolute ws, wss, http or https address.</exception>
    public static Uri From(Uri server)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (!server.IsAbsoluteUri)
        {
            throw new ArgumentException($"The server address '{server}' is not absolute; give ws://HOST:PORT.", nameof(server));
        }
        string scheme = server.Scheme switch
        {
            "ws" or "http" => "ws",
            "wss" or "https" => "wss",
            _ => throw new ArgumentException($"The server address '{server}' is not ws://, wss://, http:// or https://.", nameof(server)),
        };
        var builder = new UriBuilder(server) { Scheme = scheme, Port = server.IsDefaultPort ? -1 : server.Port };
        if (builder.Path is "" or "/")
        {
            builder.Path = WireNames.EndpointPath;
        }
        return builder.Uri;
    }
}
