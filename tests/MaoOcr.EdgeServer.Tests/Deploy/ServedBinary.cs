using System.Diagnostics;
using System.Globalization;

namespace MaoOcr.EdgeServer.Tests.Deploy;

/// <summary>
/// <c>maoocr serve</c> from a published binary on 127.0.0.1 and a free port, with <c>MAOOCR__</c> settings in its
/// environment, started and waited for until <c>/readyz</c> answers; killed on dispose if it is still running.
/// </summary>
internal sealed class ServedBinary : IAsyncDisposable
{
    private ServedBinary(Process process, int port)
    {
        Process = process;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(3) };
        // Drained from the start so that the pipes never fill; awaited only once the process has exited.
        Output = process.StandardOutput.ReadToEndAsync();
        Error = process.StandardError.ReadToEndAsync();
    }

    public Process Process { get; }

    public int Port { get; }

    /// <summary>A client for the appliance's HTTP address.</summary>
    public HttpClient Http { get; }

    public Task<string> Output { get; }

    public Task<string> Error { get; }

    /// <param name="settings">Settings by their environment names (<c>MAOOCR__Queue__Workers</c>), besides host and port.</param>
    public static async Task<ServedBinary> StartAsync(string binary, IReadOnlyDictionary<string, string>? settings = null)
    {
        int port = Loopback.UnusedPort();
        var start = new ProcessStartInfo(binary, ["serve"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["MAOOCR__Server__Host"] = "127.0.0.1";
        start.Environment["MAOOCR__Server__Port"] = port.ToString(CultureInfo.InvariantCulture);
        foreach ((string name, string value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var served = new ServedBinary(Process.Start(start)!, port);
        try
        {
            await DeployTool.WaitUntilAnsweringAsync(served.Process, served.Http, "/readyz", TimeSpan.FromMinutes(3), () => "see its output");
            return served;
        }
        catch
        {
            await served.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }
        await Process.WaitForExitAsync();
        Http.Dispose();
        Process.Dispose();
    }
}
