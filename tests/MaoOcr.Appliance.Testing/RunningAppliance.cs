using MaoOcr.Appliance.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MaoOcr.Appliance.Testing;

/// <summary>The real appliance on a free loopback port, started and stopped by the test.</summary>
public sealed class RunningAppliance : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningAppliance(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Client = new HttpClient(new HttpClientHandler
        {
            // The TLS test uses a certificate it made itself.
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    /// <summary>The appliance's services (its metrics, its engine host).</summary>
    public IServiceProvider Services => _app.Services;

    public static Task<RunningAppliance> StartAsync(params (string Key, string Value)[] settings) => StartAsync(waitForEngine: true, settings);

    /// <param name="waitForEngine">Wait until the engine is warm; false for an appliance whose engine is meant to fail.</param>
    public static async Task<RunningAppliance> StartAsync(bool waitForEngine, params (string Key, string Value)[] settings)
    {
        var overrides = new Dictionary<string, string?> { ["Server:Host"] = "127.0.0.1", ["Server:Port"] = "0" };
        foreach ((string key, string value) in settings)
        {
            overrides[key] = value;
        }
        WebApplication app = ApplianceHost.Build([], overrides);
        await app.StartAsync();
        string url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var appliance = new RunningAppliance(app, new Uri(url.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
        Task ready = app.Services.GetRequiredService<EngineHost>().Ready;
        if (waitForEngine)
        {
            await ready.WaitAsync(TimeSpan.FromMinutes(2));
        }
        else
        {
            await Assert.ThrowsAnyAsync<Exception>(() => ready.WaitAsync(TimeSpan.FromMinutes(2)));
        }
        return appliance;
    }

    /// <summary>Graceful shutdown, as on SIGTERM: stop accepting, finish what is in flight, close WebSockets with 1001.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One appliance without a token, shared by the tests that need no special settings.</summary>
public sealed class ApplianceFixture : IAsyncLifetime
{
    public RunningAppliance Appliance { get; private set; } = null!;

    public async Task InitializeAsync() => Appliance = await RunningAppliance.StartAsync();

    public async Task DisposeAsync() => await Appliance.DisposeAsync();
}
