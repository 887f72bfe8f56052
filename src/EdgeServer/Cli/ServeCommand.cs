using MaoOcr.Appliance.Hosting;

namespace MaoOcr.EdgeServer.Cli;

/// <summary><c>maoocr serve</c>: builds the appliance (<see cref="ApplianceHost"/>) and runs it until SIGTERM or Ctrl+C.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stderr)
    {
        WebApplication app;
        try
        {
            app = ApplianceHost.Build(args);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or IOException or System.Security.Cryptography.CryptographicException)
        {
            await stderr.WriteLineAsync($"maoocr serve: {e.Message}").ConfigureAwait(false);
            return CommandLine.UsageError;
        }
        await using (app.ConfigureAwait(false))
        {
            await app.RunAsync().ConfigureAwait(false);
        }
        return CommandLine.Success;
    }
}
