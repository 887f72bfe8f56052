using System.Diagnostics;

namespace MaoOcr.WebSockets.Tests.Interop;

/// <summary>
/// Runs the external clients of the interop tests (node, Python, curl) as processes. A tool that is missing fails the
/// test with the step that installs it: an interop test that passes without its client would prove nothing.
/// </summary>
internal static class ExternalTool
{
    /// <summary>Bounds a client run, so that a hung client fails the test instead of hanging the suite.</summary>
    private static readonly TimeSpan s_runLimit = TimeSpan.FromMinutes(3);

    /// <summary>The repository root (where MaoOcr.sln is), found upwards from the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    /// <summary>The path of <paramref name="name"/> on PATH; fails the test naming <paramref name="installStep"/> when it is not there.</summary>
    public static string Require(string name, string installStep) =>
        FindOnPath(name) ?? throw new Xunit.Sdk.XunitException($"'{name}' is not on PATH: {installStep}");

    /// <summary>Runs a process to its end and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunAsync(string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryRoot,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using Process process = Process.Start(start) ?? throw new Xunit.Sdk.XunitException($"Could not start {fileName}.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(s_runLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish within {s_runLimit}.");
        }
        return (process.ExitCode, await output, await error);
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MaoOcr.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No MaoOcr.sln above {AppContext.BaseDirectory}.");
    }
}
