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
        builder.Configuration.AddEnvironmentVariables("MAOOCR__");
        builder.Configuration.AddCommandLine(args, Flags.ToDictionary(f => f.Key, f => f.Value));
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(JournalStreamVariable)))
        {
            // Started by systemd with stdout on the journal: one line an entry, led by its syslog priority (<3> error,
            // <4> warning, <6> information), which journald takes as the entry's level (journalctl -p warning).
            builder.Logging.ClearProviders();
            builder.Logging.AddSystemdConsole();
        }

        builder.Services.Configure<ServerSettings>(builder.Configuration.GetSection("Server"));
        builder.Services.Configure<InferenceSettings>(builder.Configuration.GetSection("Inference"));
        builder.Services.Configure<WorkQueueLimits>(builder.Configuration.GetSection("Queue"));
        builder.Services.Configure<CacheSettings>(builder.Configuration.GetSection("Cache"));
        builder.Services.Configure<ProtocolLimits>(builder.Configuration.GetSection("Protocol"));
        builder.Services.AddSingleton<ServerMetrics>();
        builder.Services.AddSingleton<EngineHost>();
        builder.Services.AddHostedService(services => services.GetRequiredService<EngineHost>());
        builder.Services.AddSingleton(services => new SystemdNotifier(services.GetRequiredService<IOptions<ServerSettings>>().Value.NotifySocket));
        builder.Services.AddHostedService<SystemdReadiness>();
        builder.Services.AddSingleton<OcrService>();
        builder.Services.AddSingleton<OcrWebSocketEndpoint>();
        builder.Services.AddSingleton(services => new ApiToken(services.GetRequiredService<IOptions<ServerSettings>>().Value.ApiToken));

        var server = new ServerSettings();
        builder.Configuration.GetSection("Server").Bind(server);
        var protocol = new ProtocolLimits();
        builder.Configuration.GetSection("Protocol").Bind(protocol);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(server.ShutdownTimeoutSeconds));
        X509Certificate2? certificate = LoadCertificate(server);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // A batch of the largest images, base64 in a multipart body, with room for the form.
            kestrel.Limits.MaxRequestBodySize = (long)protocol.MaxImageBytes * protocol.MaxImagesPerRequest * 4 / 3 + (1 << 20);
            IPAddress address = server.Host is "" or "*" or "0.0.0.0" ? IPAddress.Any : IPAddress.Parse(server.Host);
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
        RestEndpoints.Map(app);
        app.Lifetime.ApplicationStopping.Register(() => app.Logger.LogInformation("Stopping: finishing requests in flight"));
        // Once, at start: which zlib permessage-deflate runs on, and why (an operator's first question when it is the fallback).
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation("{Compression}", Describe()));
        return app;
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
