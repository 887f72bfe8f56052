namespace MaoOcr.Appliance.Configuration;

/// <summary>The "Server" section: where and how the appliance listens. Bound from appsettings.json, MAOOCR__ variables and flags.</summary>
public sealed class ServerSettings
{
    public string Host { get; set; } = "0.0.0.0";

    /// <summary>TCP port; 0 picks a free one (tests).</summary>
    public int Port { get; set; } = 8080;

    /// <summary>When set, every API call needs it as <c>Authorization: Bearer …</c> or <c>?token=…</c>.</summary>
    public string ApiToken { get; set; } = string.Empty;

    /// <summary>Origins allowed besides the appliance's own; "*" allows any.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>PEM certificate and key; TLS is on when both are set.</summary>
    public string TlsCertificatePath { get; set; } = string.Empty;

    public string TlsKeyPath { get; set; } = string.Empty;

    /// <summary>How long shutdown waits for requests in flight. 30 s: a queue of a few pages on a small box.</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// A request that takes longer, from its arrival (queue wait included), is answered with "timeout"; one that waited
    /// it out in the queue is not run. 120 s: a large batch on a 2-core box.
    /// </summary>
    public int RequestTimeoutSeconds { get; set; } = 120;

    /// <summary>
    /// systemd's notification socket (a path, or an abstract name starting with '@'); defaults to <c>$NOTIFY_SOCKET</c>,
    /// which systemd sets for a <c>Type=notify</c> unit. Empty: no notifications.
    /// </summary>
    public string NotifySocket { get; set; } = string.Empty;
}
