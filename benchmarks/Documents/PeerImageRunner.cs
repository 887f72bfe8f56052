using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MaoOcr.Testing;

namespace MaoOcr.Benchmarks.Documents;

/// <summary>
/// Runs the peer on a folder of images as benchmarks/Accuracy's PeerRunner does (<c>node run-peer.mjs DIR</c>, one
/// JSON document on stdout); kept this small on purpose: benchmarks do not reference each other.
/// </summary>
internal static class PeerImageRunner
{
    /// <summary>What the peer read, by file name (no folder).</summary>
    /// <exception cref="InvalidOperationException">Node or npm is missing, the install fails, or the runner fails.</exception>
    public static (string Engine, IReadOnlyDictionary<string, PeerResult> Results) Run(string peerDirectory, string imagesDirectory, int threads, TextWriter log)
    {
        if (!File.Exists(Path.Combine(peerDirectory, "run-peer.mjs")))
        {
            throw new InvalidOperationException($"No run-peer.mjs in '{peerDirectory}'; pass --peer-dir or --no-peer.");
        }
        if (!Directory.Exists(Path.Combine(peerDirectory, "node_modules")))
        {
            log.WriteLine("peer: node_modules missing; running npm install --ignore-scripts");
            // As benchmarks/Accuracy: onnxruntime-node's install script only fetches GPU builds, which are not wanted.
            RunToEnd("npm", ["install", "--ignore-scripts", "--no-audit", "--no-fund"], peerDirectory, log);
        }
        List<string> arguments = ["run-peer.mjs", Path.GetFullPath(imagesDirectory)];
        if (threads > 0)
        {
            arguments.AddRange(["--threads", threads.ToString(CultureInfo.InvariantCulture)]);
        }
        PeerReport report = JsonSerializer.Deserialize(RunToEnd("node", arguments, peerDirectory, log), PeerJsonContext.Default.PeerReport)
            ?? throw new InvalidOperationException("The peer runner printed no report.");
        return ($"{report.Engine} on onnxruntime-node {report.Onnxruntime}", report.Results.ToDictionary(r => Path.GetFileName(r.File), StringComparer.Ordinal));
    }

    /// <summary>The peer's lines in the order it returned them (it has no layout analysis).</summary>
    public static List<PredictedLine> Lines(PeerResult result) => (result.Lines ?? [])
        .Where(l => l.Box.Length == 4)
        .Select(l => new PredictedLine(l.Text, new Quad(Point(l.Box[0]), Point(l.Box[1]), Point(l.Box[2]), Point(l.Box[3]))))
        .ToList();

    private static PixelPoint Point(float[] xy) => new(xy[0], xy[1]);

    // Runs a tool to completion, its stderr passed through to the log, and returns its stdout.
    private static string RunToEnd(string tool, IEnumerable<string> arguments, string workingDirectory, TextWriter log)
    {
        var start = new ProcessStartInfo(tool) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"'{tool}' did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Cannot run '{tool}' ({e.Message}); install Node.js 20+ or pass --no-peer.", e);
        }
        using (process)
        {
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    log.WriteLine(e.Data);
                }
            };
            process.BeginErrorReadLine();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"'{tool} {string.Join(' ', arguments)}' exited with code {process.ExitCode}.");
            }
            return stdout;
        }
    }
}
