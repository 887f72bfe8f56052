using MaoOcr.Appliance.Hosting;

namespace MaoOcr.EdgeServer.Cli;

/// <summary><c>maoocr serve</c>: builds the appliance (<see cref="ApplianceHost"/>) and runs it until SIGTERM or Ctrl+C.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stderr)
    {
        if (!ServeArguments.TryParse(args, out ServeArguments parsed, out string? error))
        {
            await stderr.WriteLineAsync($"maoocr serve: {error}").ConfigureAwait(false);
            return CommandLine.UsageError;
        }
        WebApplication app;
        try
        {
            app = ApplianceHost.Build([], parsed.Settings);
        }
        catch (Exception e) when (IsSetupFailure(e))
        {
            await stderr.WriteLineAsync($"maoocr serve: {OneLine(e)}").ConfigureAwait(false);
            return CommandLine.UsageError;
        }
        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.RunAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (IsSetupFailure(e))
            {
                // A port already in use (Kestrel's "Failed to bind to address … address already in use"), a setting that
                // only binds when its service starts: one line, not a stack trace.
                await stderr.WriteLineAsync($"maoocr serve: {OneLine(e)}").ConfigureAwait(false);
                return CommandLine.UsageError;
            }
        }
        return CommandLine.Success;
    }

    // An out-of-range setting's message carries .NET's "Actual value was …" on a second line.
    private static string OneLine(Exception e) => e.Message.ReplaceLineEndings(" ");

    private static bool IsSetupFailure(Exception e) =>
        e is FormatException or InvalidOperationException or ArgumentException or IOException or UnauthorizedAccessException
            or System.Security.Cryptography.CryptographicException or Microsoft.Extensions.Options.OptionsValidationException;
}
