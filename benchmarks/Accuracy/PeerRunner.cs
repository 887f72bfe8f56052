using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using MaoOcr.Testing;

namespace MaoOcr.Benchmarks.Accuracy;

/// <summary>Runs the peer engine through benchmarks/peer/run-peer.mjs in a Node process and reads its JSON.</summary>
internal static class PeerRunner
{
    /// <exception cref="InvalidOperationException">Node or npm is missing, the install fails, or the runner fails.</exception>
    public static EngineRun Run(string peerDirectory, string imagesDirectory, int threads, TextWriter log)
    {
        if (!File.Exists(Path.Combine(peerDirectory, "run-peer.mjs")))
        {
            throw new InvalidOperationException($"No run-peer.mjs in '{peerDirectory}'; pass --peer-dir or --no-peer.");
        }
        if (!Directory.Exists(Path.Combine(peerDirectory, "node_modules")))
        {
            log.WriteLine("peer: node_modules missing; running npm install --ignore-scripts");
            // --ignore-scripts: onnxruntime-node ships its Linux CPU binary in the package; its install script
            // only downloads optional GPU builds, which this machine cannot reach.
            RunToEnd("npm", ["install", "--ignore-scripts", "--no-audit", "--no-fund"], peerDirectory, log);
        }

        List<string> arguments = ["run-peer.mjs", Path.GetFullPath(imagesDirectory)];
        if (threads > 0)
        {
            arguments.AddRange(["--threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
        string stdout = RunToEnd("node", arguments, peerDirectory, log);
        PeerReport report = JsonSerializer.Deserialize(stdout, AccuracyJsonContext.Default.PeerReport)
            ?? throw new InvalidOperationException("The peer runner printed no report.");

        var runs = report.Results.Select(r => new ImageRun(
            Path.GetFileName(r.File),
            r.Ms,
            null,
            (r.Lines ?? []).Where(l => l.Box.Length == 4).Select(l => new PredictedLine(l.Text, ToQuad(l.Box))).ToList(),
            r.Error)).ToList();
        return new EngineRun(report.Engine, $"onnxruntime-node {report.Onnxruntime}", runs);
    }

    private static Quad ToQuad(float[][] box) => new(
        new PixelPoint(box[0][0], box[0][1]),
        new PixelPoint(box[1][0], box[1][1]),
        new PixelPoint(box[2][0], box[2][1]),
        new PixelPoint(box[3][0], box[3][1]));

    // Runs a tool to completion, passing its stderr through to the log line by line, and returns its stdout.
    private static string RunToEnd(string tool, IEnumerable<string> arguments, string workingDirectory, TextWriter log)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
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
