using System.Collections.Concurrent;

namespace MaoOcr.WebSockets.Tests.Conformance;

/// <summary>Echo servers started on first use, one per set of receive limits, shared by a test class and stopped with it.</summary>
public sealed class EchoServerPool : IAsyncLifetime
{
    private readonly ConcurrentDictionary<(long, long, int), Lazy<Task<EchoServer>>> _servers = new();

    internal Task<EchoServer> GetAsync(WebSocketLimits limits) =>
        _servers.GetOrAdd((limits.MaxMessageBytes, limits.MaxFrameBytes, limits.MaxFragments),
            _ => new Lazy<Task<EchoServer>>(() => EchoServer.StartAsync(limits))).Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (Lazy<Task<EchoServer>> server in _servers.Values)
        {
            await (await server.Value).DisposeAsync();
        }
    }
}
