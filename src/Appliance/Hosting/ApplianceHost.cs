using MaoOcr.Documents.Pdf;
using MaoOcr.Documents.Pdf.Reading;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MaoOcr.Appliance.Configuration;
using MaoOcr.Appliance.Core;
using MaoOcr.Appliance.Diagnostics;
using MaoOcr.Appliance.Protocol;
using MaoOcr.Appliance.Rest;
using MaoOcr.Appliance.Sessions;
using MaoOcr.WebSockets.Compression;
using MaoOcr.WebSockets.Kestrel;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;

namespace MaoOcr.Appliance.Hosting;

/// <summary>
/// Builds the appliance: Kestrel with the /ws/ocr WebSocket middleware, the REST API, the engine host and the web app.
/// Settings come from appsettings.json beside the binary, then $CONFIGURATION_DIRECTORY/appsettings.json (systemd), then MAOOCR__Section__Key environment variables, then flags
/// (later wins). <c>maoocr serve</c> runs what this builds; the tests start it on a free port.
/// </summary>
public static class ApplianceHost
{
    /// <summary>Set by systemd when the service's stdout is connected to the journal.</summary>
    public const string JournalStreamVariable = "JOURNAL_STREAM";

    /// <summary>Short flags and the settings they set.</summary>
    public static readonly IReadOnlyDictionary<string, string> Flags = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--host"] = "Server:Host",
        ["--port"] = "Server:Port",
        ["--token"] = "Server:ApiToken",
        ["--tls-cert"] = "Server:TlsCertificatePath",
        ["--tls-key"] = "Server:TlsKeyPath",
        ["--models"] = "Inference:ModelsDirectory",
        ["--ort-library"] = "Inference:OrtLibraryPath",
        ["--threads"] = "Inference:Threads",
        ["--device"] = "Inference:Device",
        ["--workers"] = "Queue:Workers",
    };

    /// <summary>Builds the appliance without starting it.</summary>
    /// <param name="args">Flags of <c>maoocr serve</c> (<see cref="Flags"/>).</param>
    /// <param name="overrides">Settings that win over every other source (tests: a free port, a token).</param>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    /// <exception cref="FormatException">A setting cannot be parsed.</exception>
    public static WebApplication Build(string[] args, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        // systemd's own variable is the default source of Server:NotifySocket, below every other, so a test can set it per appliance.
        builder.Configuration.AddInMemoryCollection([new("Server:NotifySocket", Environment.GetEnvironmentVariable("NOTIFY_SOCKET"))]);
        // Under systemd (ConfigurationDirectory=maoocr): /etc/maoocr/appsettings.json, over the one beside the binary.
        string? configurationDirectory = Environment.GetEnvironmentVariable("CONFIGURATION_DIRECTORY")?.Split(':')[0];
        if (!string.IsNullOrEmpty(configurationDirectory))
        {
            builder.Configuration.AddJsonFile(Path.Combine(configurationDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        }
        // ASPNETCORE_URLS and its kin rank below our own variables and flags: they are often set for a whole machine or
        // container image (the .NET images set ASPNETCORE_HTTP_PORTS=8080), and --port must still win over them.
        int environmentUrlsAt = builder.Configuration.Sources.Count;
        builder.Configuration.AddEnvironmentVariables("MAOOCR__");
        builder.Configuration.AddCommandLine(args, Flags.ToDictionary(f => f.Key, f => f.Value));
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }
        bool tls = !string.IsNullOrWhiteSpace(builder.Configuration["Server:TlsCertificatePath"]);
        if (EnvironmentAddress(tls) is { } fromEnvironment)
        {
            builder.Configuration.Sources.Insert(environmentUrlsAt, new MemoryConfigurationSource { InitialData = fromEnvironment });
        }
        CheckListenScheme(builder.Configuration["Server:ListenScheme"], tls);
        // Kestrel would otherwise read those variables too, and log that it overrides them with our endpoint.
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, string.Empty);
        builder.WebHost.UseSetting(WebHostDefaults.HttpPortsKey, string.Empty);
        builder.WebHost.UseSetting(WebHostDefaults.HttpsPortsKey, string.Empty);

        // Started by systemd with stdout on the journal, the default is one line an entry led by its syslog priority (<3>
        // error, <4> warning, <6> information), which journald takes as the entry's level (journalctl -p warning).
        LogFormats.Apply(builder.Logging, builder.Configuration["Logging:Format"], !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(JournalStreamVariable)));
        // A start that fails (a port in use) is reported by maoocr serve in one line; the host's own report is a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);

        builder.Services.Configure<ServerSettings>(builder.Configuration.GetSection("Server"));
        builder.Services.Configure<InferenceSettings>(builder.Configuration.GetSection("Inference"));
        builder.Services.Configure<WorkQueueLimits>(builder.Configuration.GetSection("Queue"));
        builder.Services.Configure<CacheSettings>(builder.Configuration.GetSection("Cache"));
        builder.Services.Configure<ProtocolLimits>(builder.Configuration.GetSection("Protocol"));
        builder.Services.Configure<PdfLimits>(builder.Configuration.GetSection("Pdf"));
        builder.Services.AddSingleton(services => new PdfDocumentReader(services.GetRequiredService<IOptions<PdfLimits>>().Value));
        builder.Services.AddSingleton<ServerMetrics>();
        builder.Services.AddSingleton<EngineHost>();
        builder.Services.AddHostedService(services => services.GetRequiredService<EngineHost>());
        builder.Services.AddSingleton(services => new SystemdNotifier(services.GetRequiredService<IOptions<ServerSettings>>().Value.NotifySocket));
        builder.Services.AddHostedService<SystemdReadiness>();
        builder.Services.AddHostedService<IdleMemoryRelease>();
        builder.Services.AddSingleton<OcrService>();
        builder.Services.AddSingleton<OcrWebSocketEndpoint>();
        builder.Services.AddSingleton<ShutdownDrain>();
        // Replaces ConsoleLifetime: SIGTERM and SIGINT start the drain instead of stopping the host at once.
        builder.Services.AddSingleton<IHostLifetime, DrainingLifetime>();
        builder.Services.AddSingleton(services => new ApiToken(services.GetRequiredService<IOptions<ServerSettings>>().Value.ApiToken));

        var server = new ServerSettings();
        builder.Configuration.GetSection("Server").Bind(server);
        var protocol = new ProtocolLimits();
        builder.Configuration.GetSection("Protocol").Bind(protocol);
        // The other sections are bound when their services are first made, which may be the first request; a value that
        // does not convert or is out of range (Queue:Workers=abc) must stop the start here, with the message naming it.
        builder.Configuration.GetSection("Inference").Bind(new InferenceSettings());
        builder.Configuration.GetSection("Queue").Bind(new WorkQueueLimits());
        builder.Configuration.GetSection("Cache").Bind(new CacheSettings());
        builder.Configuration.GetSection("Pdf").Bind(new PdfLimits());
        if (server.DrainSeconds is < 0 or > ServerSettings.MaxDrainSeconds)
        {
            throw new ArgumentException($"Server:DrainSeconds {server.DrainSeconds} is out of range (0 for no drain, up to {ServerSettings.MaxDrainSeconds}).");
        }
        IReadOnlyList<IPNetwork> trustedProxies = TrustedProxyNetworks.Parse(server.TrustedProxies);
        ConfigureForwardedHeaders(builder.Services, trustedProxies);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(server.ShutdownTimeoutSeconds));
        // Checked here, before anything starts: a bad address is one clear line from `maoocr serve`, not a failure inside Kestrel.
        if (!ListenUrls.TryHost(server.Host, out string host))
        {
            throw new ArgumentException(
                $"Server:Host '{server.Host}' is not an IP address of this box: 0.0.0.0 for every IPv4 address, :: for every address, 127.0.0.1 or localhost for this box only.");
        }
        if (server.Port is < 0 or > IPEndPoint.MaxPort)
        {
            throw new ArgumentException($"Server:Port {server.Port} is not a TCP port (1 to 65535; 0 picks a free one).");
        }
        IPAddress address = IPAddress.Parse(host);
        X509Certificate2? certificate = LoadCertificate(server);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            RequestHeadSize.ConfigureKestrel(kestrel.Limits);
            // A batch of the largest images, base64 in a multipart body, with room for the form.
            kestrel.Limits.MaxRequestBodySize = (long)protocol.MaxImageBytes * protocol.MaxImagesPerRequest * 4 / 3 + (1 << 20);
            kestrel.Listen(address, server.Port, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
                // After TLS, so it reads the decrypted request head: /ws/ocr handshakes are answered here, the rest goes to HTTP.
                OcrWebSocketEndpoint endpoint = listen.ApplicationServices.GetRequiredService<OcrWebSocketEndpoint>();
                listen.UseWebSocketConnections(endpoint.Handshake, endpoint.Limits, endpoint.RunAsync);
            });
        });

        WebApplication app = builder.Build();
        if (trustedProxies.Count > 0)
        {
            // First, so that everything after sees the browser's scheme, host and address. Never without a list: the
            // middleware with no known proxies and networks believes every peer.
            app.UseForwardedHeaders();
        }
        RestEndpoints.Map(app);
        app.Lifetime.ApplicationStopping.Register(() => app.Logger.LogInformation("Stopping: finishing requests in flight"));
        // Once, at start: which zlib permessage-deflate runs on, and why (an operator's first question when it is the fallback).
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation("{Compression}", Describe()));
        return app;
    }

    /// <summary>
    /// ASP.NET Core's ForwardedHeaders middleware for the HTTP pipeline (REST, the WebSocket fallback), believing only
    /// Server:TrustedProxies. Its own default trusts loopback, so that list is cleared first.
    /// </summary>
    private static void ConfigureForwardedHeaders(IServiceCollection services, IReadOnlyList<IPNetwork> trustedProxies)
    {
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (IPNetwork network in trustedProxies)
            {
                options.KnownIPNetworks.Add(network);
            }
        });
    }

    /// <summary>Server:Host and Server:Port from ASPNETCORE_URLS, DOTNET_URLS or ASPNETCORE_HTTP_PORTS, when one is set.</summary>
    /// <exception cref="ArgumentException">The variable names something the appliance cannot bind as asked.</exception>
    private static Dictionary<string, string?>? EnvironmentAddress(bool tls)
    {
        foreach (string variable in ListenUrls.UrlVariables)
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } urls)
            {
                if (!ListenUrls.TryParse(urls, variable, tls, out string host, out int port, out string? error))
                {
                    throw new ArgumentException(error);
                }
                return new() { ["Server:Host"] = host, ["Server:Port"] = port.ToString(CultureInfo.InvariantCulture) };
            }
        }
        if (Environment.GetEnvironmentVariable(ListenUrls.HttpPortsVariable) is { Length: > 0 } ports)
        {
            if (!ListenUrls.TryParsePorts(ports, out int port, out string? error))
            {
                throw new ArgumentException(error);
            }
            return new() { ["Server:Port"] = port.ToString(CultureInfo.InvariantCulture) };
        }
        return null;
    }

    /// <summary>--urls records the scheme it asked for; it must match whether TLS is configured, wherever that came from.</summary>
    private static void CheckListenScheme(string? scheme, bool tls)
    {
        if (scheme == "https" && !tls)
        {
            throw new ArgumentException("--urls asks for https://, which needs --tls-cert and --tls-key (Server:TlsCertificatePath, Server:TlsKeyPath).");
        }
        if (scheme == "http" && tls)
        {
            throw new ArgumentException("--urls asks for http://, but a TLS certificate is configured, so the appliance would serve HTTPS; use https:// or drop the certificate.");
        }
    }

    private static string Describe()
    {
        try
        {
            return ZlibDiagnostics.Describe();
        }
        catch (ZlibException e)
        {
            return $"permessage-deflate unavailable: {e.Message}";
        }
    }

    private static X509Certificate2? LoadCertificate(ServerSettings server)
    {
        bool cert = !string.IsNullOrWhiteSpace(server.TlsCertificatePath), key = !string.IsNullOrWhiteSpace(server.TlsKeyPath);
        if (cert != key)
        {
            throw new ArgumentException("TLS needs both Server:TlsCertificatePath and Server:TlsKeyPath (PEM files).");
        }
        return cert ? X509Certificate2.CreateFromPemFile(server.TlsCertificatePath, server.TlsKeyPath) : null;
    }
}
