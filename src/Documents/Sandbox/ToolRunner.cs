using System.Diagnostics;
using System.Text;

namespace MaoOcr.Documents.Sandbox;

/// <summary>
/// Runs an external tool on untrusted input, outside our process: a crash, a hang or a memory blow-up in the tool costs
/// one request, never the appliance. The tool starts under <c>prlimit</c> (address space, CPU seconds, open files, no
/// files written, no core dumps) and, where the kernel allows unprivileged user namespaces, under
/// <c>unshare --net</c> (no network at all); with an empty environment, in a private working folder. Both programs
/// are util-linux's, which Debian and Ubuntu (JetPack included) always install.
/// </summary>
public sealed class ToolRunner
{
    /// <summary>How much of a tool's standard error is kept. 4 KiB: its message is the first line or two.</summary>
    public const int MaxErrorChars = 4096;

    private const string PrlimitPath = "/usr/bin/prlimit";
    private const string UnsharePath = "/usr/bin/unshare";

    private readonly bool _isolateNetwork;
    private readonly bool _usePrlimit;

    /// <param name="isolateNetwork">Run tools in a network namespace of their own; see <see cref="NetworkIsolationAvailable"/>.</param>
    public ToolRunner(bool isolateNetwork)
    {
        _usePrlimit = LimitsAvailable;
        _isolateNetwork = isolateNetwork;
    }

    /// <summary>Whether the kernel lets this process give a child an empty network namespace (unprivileged user namespaces).</summary>
    public static bool NetworkIsolationAvailable { get; } = Probe(UnsharePath, "--net", "--map-root-user", "--", "/bin/true");

    /// <summary>Whether prlimit can lower a child's limits here (a seccomp filter without setrlimit would refuse it).</summary>
    public static bool LimitsAvailable { get; } = Probe(PrlimitPath, "--as=1073741824", "--cpu=5", "--nofile=64", "--fsize=0", "--core=0", "--", "/bin/true");

    /// <summary>Whether memory and CPU limits are applied (util-linux's prlimit is present).</summary>
    public bool LimitsApplied => _usePrlimit;

    /// <summary>Whether tools run without network.</summary>
    public bool NetworkIsolated => _isolateNetwork;

    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>, blocking until it ends.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The program cannot be started.</exception>
    public ToolResult Run(string program, IReadOnlyList<string> arguments, string workingDirectory, ToolLimits limits, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            StandardErrorEncoding = Encoding.UTF8,
        };
        // Nothing of ours leaks into the tool: no tokens, no proxies, no locale surprises.
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
        start.Environment["LC_ALL"] = "C.UTF-8";
        start.Environment["HOME"] = workingDirectory;
        // The command line is a chain, each program exec'ing the next: prlimit (limits), unshare (no network), the tool.
        var chain = new List<string>();
        if (_usePrlimit)
        {
            long cpuSeconds = (long)Math.Ceiling(limits.WallTime.TotalSeconds) + 1;
            chain.AddRange([PrlimitPath, $"--as={limits.MemoryBytes}", $"--cpu={cpuSeconds}", $"--nofile={ToolLimits.MaxOpenFiles}", $"--fsize={ToolLimits.MaxFileBytes}", "--core=0", "--"]);
        }
        if (_isolateNetwork)
        {
            chain.AddRange([UnsharePath, "--net", "--map-root-user", "--"]);
        }
        chain.Add(program);
        chain.AddRange(arguments);
        start.FileName = chain[0];
        foreach (string argument in chain.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        long started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        process.StandardInput.Close();
        Task<string> errors = ReadErrorsAsync(process.StandardError);
        var output = new MemoryStream();
        var killer = new Killer(process);
        using (cancellationToken.UnsafeRegister(static k => ((Killer)k!).Kill(ToolOutcome.Cancelled), killer))
        using (var timer = new Timer(static k => ((Killer)k!).Kill(ToolOutcome.TimedOut), killer, limits.WallTime, Timeout.InfiniteTimeSpan))
        {
            Stream stdout = process.StandardOutput.BaseStream;
            byte[] chunk = new byte[64 * 1024];
            int read;
            while ((read = stdout.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (output.Length + read > limits.MaxOutputBytes)
                {
                    killer.Kill(ToolOutcome.OutputTooLarge);
                    break;
                }
                output.Write(chunk, 0, read);
            }
            process.WaitForExit();
        }
        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
        ToolOutcome outcome = killer.Reason;
        string errorText = errors.Wait(TimeSpan.FromSeconds(1), CancellationToken.None) ? errors.Result : "";
        return new ToolResult(outcome, process.ExitCode, output.ToArray(), errorText, elapsed);
    }

    private static async Task<string> ReadErrorsAsync(StreamReader reader)
    {
        var kept = new StringBuilder();
        char[] buffer = new char[1024];
        int read;
        // Read to the end so a chatty tool never blocks on a full pipe, keeping only the start.
        while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            if (kept.Length < MaxErrorChars)
            {
                kept.Append(buffer, 0, Math.Min(read, MaxErrorChars - kept.Length));
            }
        }
        return kept.ToString();
    }

    /// <summary>Kills the tool once, remembering the first reason (the timer, the caller, or too much output).</summary>
    private sealed class Killer(Process process)
    {
        private int _reason = (int)ToolOutcome.Exited;

        public ToolOutcome Reason => (ToolOutcome)Volatile.Read(ref _reason);

        public void Kill(ToolOutcome reason)
        {
            if (Interlocked.CompareExchange(ref _reason, (int)reason, (int)ToolOutcome.Exited) != (int)ToolOutcome.Exited)
            {
                return;
            }
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Already exiting.
            }
        }
    }

    /// <summary>Runs a harmless command once to learn whether this box (its kernel, its systemd unit) allows it.</summary>
    private static bool Probe(string program, params string[] arguments)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(program))
        {
            return false;
        }
        try
        {
            var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (string a in arguments)
            {
                start.ArgumentList.Add(a);
            }
            using var probe = Process.Start(start);
            if (probe is null)
            {
                return false;
            }
            if (!probe.WaitForExit(5000))
            {
                probe.Kill();
                return false;
            }
            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
