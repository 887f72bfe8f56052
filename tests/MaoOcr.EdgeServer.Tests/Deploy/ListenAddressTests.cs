using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MaoOcr.EdgeServer.Tests.Aot;

namespace MaoOcr.EdgeServer.Tests.Deploy;

/// <summary>
/// The published binary binds where it is asked: ASP.NET Core's ASPNETCORE_URLS is honoured, --port wins over the
/// ASPNETCORE_HTTP_PORTS a .NET container image sets, --log-format json writes one JSON object a line, and a port that is
/// taken is one line and exit code 2.
/// </summary>
public sealed class ListenAddressTests : IClassFixture<PublishedBinaryTests.Binary>
{
    private readonly PublishedBinaryTests.Binary _binary;

    public ListenAddressTests(PublishedBinaryTests.Binary binary) => _binary = binary;

    [Fact]
    public async Task Aspnetcore_urls_is_honoured()
    {
        int port = Loopback.UnusedPort();
        await ServeAsync([], new() { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" }, port);
    }

    [Fact]
    public async Task The_port_flag_wins_over_the_container_images_http_ports_and_json_logs_are_one_object_a_line()
    {
        int port = Loopback.UnusedPort();
        string log = await ServeAsync(
            ["--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--log-format", "json"],
            new() { ["ASPNETCORE_HTTP_PORTS"] = "1" },
            port);

        string[] lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        foreach (string line in lines)
        {
            using JsonDocument entry = JsonDocument.Parse(line);
            Assert.True(entry.RootElement.TryGetProperty("LogLevel", out _), line);
        }
        Assert.DoesNotContain("Overriding", log, StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_already_in_use_ends_serve_with_one_line_exit_code_2_and_no_stack_trace_or_crash()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        string port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        // The engine is still loading when the bind fails: the process must stop it cleanly (it crashed with SIGSEGV).
        (int code, string stdout, string stderr) = _binary.Run("serve", "--host", "127.0.0.1", "--port", port);

        Assert.Equal(CommandLine.UsageError, code);
        Assert.Equal($"maoocr serve: Failed to bind to address http://127.0.0.1:{port}: address already in use.", stderr.Trim());
        Assert.DoesNotContain("   at ", stdout, StringComparison.Ordinal);
    }

    /// <summary>Starts serve, waits until /healthz answers on <paramref name="port"/>, stops it; returns what it printed to stdout.</summary>
    private async Task<string> ServeAsync(string[] args, Dictionary<string, string> environment, int port)
    {
        var start = new ProcessStartInfo(_binary.Path, ["serve", .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            // Only the port asked for is tried: an appliance listening anywhere else never answers here.
            await DeployTool.WaitUntilAnsweringAsync(process, http, "/healthz", TimeSpan.FromMinutes(1), () => error.IsCompleted ? error.Result : "(its stderr is still open)");
            Assert.Equal("ok\n", await http.GetStringAsync("/healthz"));
        }
        finally
        {
            // SIGTERM-like stop is not needed here; the output read so far is what the test looks at.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        return await output;
    }
}
