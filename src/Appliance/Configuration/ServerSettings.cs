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

    /// <summary>How long shutdown waits for requests in flight, after the drain. 30 s: a queue of a few pages on a small box.</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// 5 s: what a balancer needs to see <c>/readyz</c> turn 503 and stop sending new connections: HAProxy's
    /// <c>inter 1s fall 2</c> takes two failed checks, up to 3 s, and the rest is slack for a check in flight.
    /// </summary>
    public const int DefaultDrainSeconds = 5;

    /// <summary>
    /// On SIGTERM or SIGINT, how long <c>/readyz</c> answers 503 "not ready: draining" while everything else is still
    /// served (new connections too), before the graceful shutdown of <see cref="ShutdownTimeoutSeconds"/> begins.
    /// 0: no drain, the shutdown starts at once. Default <see cref="DefaultDrainSeconds"/>; at most <see cref="MaxDrainSeconds"/>.
    /// </summary>
    public int DrainSeconds { get; set; } = DefaultDrainSeconds;

    /// <summary>10 minutes: longer than any balancer's health check needs; a larger value is a typo for milliseconds.</summary>
    public const int MaxDrainSeconds = 600;

    /// <summary>
    /// Balancers (IP addresses or CIDR networks: <c>10.0.0.5</c>, <c>10.0.0.0/24</c>, <c>fd00::/8</c>) whose
    /// <c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c> are believed. Default empty: never.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

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
