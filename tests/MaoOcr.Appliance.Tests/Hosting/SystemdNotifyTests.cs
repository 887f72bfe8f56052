using System.Net.Sockets;
using System.Text;
using MaoOcr.Appliance.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MaoOcr.Appliance.Tests.Hosting;

/// <summary>
/// The appliance under a stand-in for systemd: a datagram socket the test binds, passed as Server:NotifySocket (what
/// NOTIFY_SOCKET sets), so no process-wide variable is touched and the test runs beside the others.
/// </summary>
public sealed class SystemdNotifyTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Ready_is_sent_only_once_the_engine_is_warm_and_stopping_on_shutdown()
    {
        string folder = Directory.CreateTempSubdirectory("maoocr-notify-").FullName;
        try
        {
            string path = Path.Combine(folder, "notify");
            using Socket systemd = Bind(new UnixDomainSocketEndPoint(path));
            WebApplication app = ApplianceHost.Build([], new Dictionary<string, string?>
            {
                ["Server:Host"] = "127.0.0.1",
                ["Server:Port"] = "0",
                ["Server:NotifySocket"] = path,
            });
            await using (app)
            {
                EngineHost engine = app.Services.GetRequiredService<EngineHost>();
                // Each notification with whether the engine was warm when it arrived.
                var received = new List<(string State, bool EngineReady)>();
                Task<string> ready = ReceiveUntilAsync(systemd, "READY=1", state => received.Add((state, engine.Ready.IsCompletedSuccessfully)));
                await app.StartAsync();
                await ready.WaitAsync(s_timeout);

                (string state, bool engineReady) = Assert.Single(received);
                Assert.StartsWith("READY=1\n", state, StringComparison.Ordinal);
                Assert.True(engineReady, "READY=1 came before the engine was warm.");

                Task<string> stopping = ReceiveUntilAsync(systemd, "STOPPING=1", _ => { });
                await app.StopAsync();
                Assert.Equal("STOPPING=1", await stopping.WaitAsync(s_timeout));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_drain_tells_systemd_at_once_that_it_stops_and_how_long_the_stop_may_take()
    {
        string folder = Directory.CreateTempSubdirectory("maoocr-notify-").FullName;
        try
        {
            string path = Path.Combine(folder, "notify");
            using Socket systemd = Bind(new UnixDomainSocketEndPoint(path));
            Task<string> ready = ReceiveUntilAsync(systemd, "READY=1", _ => { });
            RunningAppliance appliance = await RunningAppliance.StartAsync(
                ("Server:NotifySocket", path), ("Server:DrainSeconds", "600"), ("Server:ShutdownTimeoutSeconds", "30"));
            await using (appliance)
            {
                await ready.WaitAsync(s_timeout);
                Task<string> stopping = ReceiveUntilAsync(systemd, "STOPPING=1", _ => { });
                ShutdownDrain drain = appliance.Services.GetRequiredService<ShutdownDrain>();
                drain.RequestStop("SIGTERM");

                // A 600 s drain is far beyond the unit's TimeoutStopSec: the stop may take the drain, the shutdown
                // timeout and 15 s to exit, from now. Sent at the drain's start, while the host is not stopping yet.
                string state = await stopping.WaitAsync(s_timeout);
                Assert.Contains("EXTEND_TIMEOUT_USEC=645000000", state.Split('\n'));
                Assert.False(appliance.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
                drain.RequestStop("SIGTERM");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_engine_that_cannot_load_never_reports_ready_only_why()
    {
        string folder = Directory.CreateTempSubdirectory("maoocr-notify-").FullName;
        try
        {
            string path = Path.Combine(folder, "notify");
            using Socket systemd = Bind(new UnixDomainSocketEndPoint(path));
            // The first notification, whatever it is.
            Task<string> first = ReceiveUntilAsync(systemd, "", _ => { });
            RunningAppliance appliance = await RunningAppliance.StartAsync(
                waitForEngine: false, ("Server:NotifySocket", path), ("Inference:OrtLibraryPath", "/nonexistent/libonnxruntime.so"));
            await using (appliance)
            {
                Assert.StartsWith("STATUS=Engine failed: ", await first.WaitAsync(s_timeout), StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_abstract_socket_name_starting_with_at_is_reached()
    {
        string name = $"maoocr-notify-{Guid.NewGuid():N}";
        using Socket systemd = Bind(new UnixDomainSocketEndPoint("\0" + name));
        var notifier = new SystemdNotifier("@" + name);

        notifier.Notify("STATUS=hello");

        Assert.Equal("STATUS=hello", await ReceiveUntilAsync(systemd, "STATUS=", _ => { }).WaitAsync(s_timeout));
    }

    [Fact]
    public void Without_a_socket_nothing_is_sent()
    {
        var notifier = new SystemdNotifier(null);

        Assert.False(notifier.IsEnabled);
        notifier.Notify("READY=1");
    }

    private static Socket Bind(UnixDomainSocketEndPoint endpoint)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(endpoint);
        return socket;
    }

    /// <summary>Receives datagrams, reporting each, until one starts with <paramref name="prefix"/>; returns that one.</summary>
    private static async Task<string> ReceiveUntilAsync(Socket socket, string prefix, Action<string> onEach)
    {
        byte[] buffer = new byte[4096];
        while (true)
        {
            int count = await socket.ReceiveAsync(buffer, SocketFlags.None);
            string state = Encoding.UTF8.GetString(buffer, 0, count);
            onEach(state);
            if (state.StartsWith(prefix, StringComparison.Ordinal))
            {
                return state;
            }
        }
    }
}
