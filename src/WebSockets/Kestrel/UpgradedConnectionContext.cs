using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MaoOcr.WebSockets.Kestrel;

/// <summary>
/// What a <see cref="WebSocketHandler"/> sees of a connection upgraded through HTTP: Kestrel's connection id, the
/// request's aborted token as the connection's closed token, and the upgraded stream's pipes. So one handler serves
/// both the fast path and the fallback.
/// </summary>
internal sealed class UpgradedConnectionContext : ConnectionContext
{
    private readonly HttpContext _http;

    public UpgradedConnectionContext(HttpContext http, IDuplexPipe transport)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(transport);
        _http = http;
        Transport = transport;
        ConnectionId = http.Connection.Id;
        LocalEndPoint = http.Connection.LocalIpAddress is { } local ? new System.Net.IPEndPoint(local, http.Connection.LocalPort) : null;
        RemoteEndPoint = http.Connection.RemoteIpAddress is { } remote ? new System.Net.IPEndPoint(remote, http.Connection.RemotePort) : null;
    }

    public override string ConnectionId { get; set; }

    public override IFeatureCollection Features => _http.Features;

    public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();

    public override IDuplexPipe Transport { get; set; }

    public override CancellationToken ConnectionClosed
    {
        get => _http.RequestAborted;
        set => throw new NotSupportedException("The upgraded connection's closed token is its request's RequestAborted.");
    }

    public override void Abort(ConnectionAbortedException abortReason) => _http.Abort();
}
