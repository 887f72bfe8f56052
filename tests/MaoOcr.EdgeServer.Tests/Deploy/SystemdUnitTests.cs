using System.Diagnostics;

namespace MaoOcr.EdgeServer.Tests.Deploy;

/// <summary>
/// deploy/systemd/maoocr.service as systemd reads it. Needs systemd-analyze (.ci/run installs the systemd package); a
/// machine without it fails here rather than passing a unit nobody checked.
/// </summary>
public sealed class SystemdUnitTests
{
    private const string UnitExecStart = "ExecStart=/usr/bin/maoocr serve";

    [Fact]
    public async Task The_unit_verifies_without_a_single_warning()
    {
        string folder = Directory.CreateTempSubdirectory("maoocr-unit-").FullName;
        try
        {
            string unit = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "deploy", "systemd", "maoocr.service"));
            Assert.Contains(UnitExecStart, unit, StringComparison.Ordinal);
            // verify also checks that ExecStart's binary exists; this machine has no /usr/bin/maoocr, so a file that does stands in.
            string path = Path.Combine(folder, "maoocr.service");
            await File.WriteAllTextAsync(path, unit.Replace(UnitExecStart, "ExecStart=/bin/true serve", StringComparison.Ordinal));

            (int exitCode, string output) = await RunAsync("systemd-analyze", "verify", path);

            // Unknown keys and bad values are only printed, with exit code 0: any output is a failure.
            Assert.True(exitCode == 0 && output.Length == 0, $"systemd-analyze verify exited {exitCode}:\n{output}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} is not installed (apt-get install systemd; .ci/run does): {e.Message}", e);
        }
        using (process)
        {
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            return (process.ExitCode, (await output + await error).Trim());
        }
    }

    private static string RepositoryRoot()
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
