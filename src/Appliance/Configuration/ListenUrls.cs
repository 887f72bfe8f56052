using System.Globalization;
using System.Net;

namespace MaoOcr.Appliance.Configuration;

/// <summary>
/// ASP.NET Core's ways of choosing the address (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>DOTNET_URLS</c>,
/// <c>ASPNETCORE_HTTP_PORTS</c>), turned into the appliance's own <c>Server:Host</c> and <c>Server:Port</c>. The appliance
/// listens on one address, so only what names one address is honoured; anything else is refused with a message rather than
/// bound somewhere else than asked.
/// </summary>
public static class ListenUrls
{
    /// <summary>The environment variables ASP.NET Core reads the address from, in the order it prefers them.</summary>
    public static readonly IReadOnlyList<string> UrlVariables = ["ASPNETCORE_URLS", "DOTNET_URLS"];

    /// <summary>The variable the .NET container images set to the port alone (8080 in theirs).</summary>
    public const string HttpPortsVariable = "ASPNETCORE_HTTP_PORTS";

    private const string Advice = "use --host and --port (Server:Host, Server:Port) instead";

    /// <summary>
    /// Reads <paramref name="urls"/> (<c>http://HOST:PORT</c>; <c>*</c>, <c>+</c> and <c>[::]</c> for every address,
    /// <c>localhost</c> for the loopback). <c>https://</c> is accepted when TLS is configured (<paramref name="tls"/>).
    /// </summary>
    /// <param name="source">Where the value came from (<c>--urls</c>, <c>ASPNETCORE_URLS</c>), for the message.</param>
    public static bool TryParse(string urls, string source, bool tls, out string host, out int port, out string? error)
    {
        host = string.Empty;
        port = 0;
        string[] all = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (all.Length != 1)
        {
            error = all.Length == 0
                ? $"{source} is empty; {Advice}."
                : $"{source} names {all.Length} addresses ('{urls}'), and maoocr listens on one; give one, or {Advice}.";
            return false;
        }
        string url = all[0];
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        string name = scheme < 0 ? string.Empty : url[..scheme].ToLowerInvariant();
        if (name is not ("http" or "https"))
        {
            error = $"{source} '{url}' is not an http:// or https:// address; {Advice}.";
            return false;
        }
        if (name == "https" && !tls)
        {
            error = $"{source} '{url}' asks for HTTPS, which needs --tls-cert and --tls-key (Server:TlsCertificatePath, Server:TlsKeyPath).";
            return false;
        }
        if (name == "http" && tls)
        {
            error = $"{source} '{url}' asks for plain HTTP, but a TLS certificate is configured: the appliance would serve HTTPS; use https:// or drop the certificate.";
            return false;
        }
        string rest = url[(scheme + 3)..].TrimEnd('/');
        int colon = rest.LastIndexOf(':');
        if (colon < 0 || rest.EndsWith(']'))
        {
            error = $"{source} '{url}' names no port; {Advice}.";
            return false;
        }
        if (rest.Contains('/', StringComparison.Ordinal))
        {
            error = $"{source} '{url}' has a path; the appliance serves from /.";
            return false;
        }
        if (!TryPort(rest[(colon + 1)..], out port))
        {
            error = $"{source} '{url}' has no valid port (1 to 65535).";
            return false;
        }
        string given = rest[..colon];
        if (!TryHost(given, out host))
        {
            error = $"{source} '{url}': '{given}' is not an IP address of this box (host names other than localhost are not bound); {Advice}.";
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>Reads <c>ASPNETCORE_HTTP_PORTS</c>: one port.</summary>
    public static bool TryParsePorts(string ports, out int port, out string? error)
    {
        string[] all = ports.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (all.Length != 1 || !TryPort(all[0], out port))
        {
            port = 0;
            error = $"{HttpPortsVariable} '{ports}' is not one port (1 to 65535), and maoocr listens on one; {Advice}.";
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>
    /// The address Kestrel binds for <c>Server:Host</c>: an IP address, <c>0.0.0.0</c>/<c>*</c>/empty for every IPv4
    /// address, <c>::</c> for every address, <c>localhost</c> for 127.0.0.1.
    /// </summary>
    public static bool TryHost(string value, out string host)
    {
        host = value.Trim() switch
        {
            "" or "*" or "+" or "0.0.0.0" => "0.0.0.0",
            "[::]" or "::" => "::",
            "localhost" => "127.0.0.1",
            string other when IPAddress.TryParse(other.Trim('[', ']'), out IPAddress? address) => address.ToString(),
            _ => string.Empty,
        };
        return host.Length > 0;
    }

    private static bool TryPort(string value, out int port) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= IPEndPoint.MaxPort;
}
