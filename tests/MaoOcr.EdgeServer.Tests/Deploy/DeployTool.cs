using System.Diagnostics;

namespace MaoOcr.EdgeServer.Tests.Deploy;

/// <summary>
/// Runs the deploy tools (systemd-analyze, dpkg, deploy/release.sh) as processes. A tool that is missing fails the test
/// with the package that brings it: a packaging test that passes without its tool would prove nothing.
/// </summary>
internal static class DeployTool
{
    /// <summary>The repository root (where MaoOcr.sln is).</summary>
    public static string RepositoryRoot => RepositoryPaths.Root;

    /// <summary>Runs <paramref name="tool"/> to its end, within <paramref name="limit"/>; stdout and stderr come back apart.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string tool, IEnumerable<string> arguments, TimeSpan limit, IEnumerable<KeyValuePair<string, string>>? environment = null, string installWith = "")
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach ((string name, string value) in environment ?? [])
        {
            start.Environment[name] = value;
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} is not installed ({installWith}; .ci/run does): {e.Message}", e);
        }
        using (process)
        {
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            using var cancel = new CancellationTokenSource(limit);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish within {limit}.");
            }
            return (process.ExitCode, await output, await error);
        }
    }

    /// <summary>
    /// Waits until a <c>maoocr serve</c> started by a test answers <paramref name="path"/> with a success status; fails the
    /// test when the process exits first (with <paramref name="describe"/>'s account of it) or <paramref name="limit"/> passes.
    /// </summary>
    public static async Task WaitUntilAnsweringAsync(Process process, HttpClient http, string path, TimeSpan limit, Func<string> describe)
    {
        Stopwatch waited = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(process.HasExited, $"maoocr serve exited with {(process.HasExited ? process.ExitCode : 0)}: {describe()}");
            try
            {
                using HttpResponseMessage response = await http.GetAsync(path);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            Assert.True(waited.Elapsed < limit, $"{path} did not answer within {limit}: {describe()}");
            await Task.Delay(250);
        }
    }
}
