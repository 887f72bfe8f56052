using System.Diagnostics;
using System.Text;

namespace MaoOcr.Testing.Tests.Documents;

/// <summary>The exit code and output of one run of a command-line PDF tool.</summary>
internal sealed record ToolResult(string Command, int ExitCode, string StdOut, string StdErr, bool TimedOut)
{
    public override string ToString() => $"{Command} → exit {ExitCode}{(TimedOut ? " (timed out)" : "")}\n{StdOut}\n{StdErr}";
}

/// <summary>
/// Runs poppler-utils (pdfinfo, pdftotext, pdftoppm) and qpdf as separate processes, each under prlimit (1 GiB of
/// address space, 10 s of CPU unless told) and a wall-clock timeout, so a hostile file can make a tool fail but not hurt the
/// machine. A missing tool fails the test with the Debian package to install, never a silent skip.
/// </summary>
internal static class PdfTools
{
    private const long AddressSpaceLimit = 1L << 30;
    private const int DefaultCpuSeconds = 10;

    private static readonly Dictionary<string, string> s_packages = new(StringComparer.Ordinal)
    {
        ["pdfinfo"] = "poppler-utils",
        ["pdftotext"] = "poppler-utils",
        ["pdftoppm"] = "poppler-utils",
        ["qpdf"] = "qpdf",
        ["prlimit"] = "util-linux",
    };

    public static ToolResult Run(string tool, params string[] arguments) => RunLimited(DefaultCpuSeconds, tool, arguments);

    /// <summary>Runs <paramref name="tool"/> with at most <paramref name="cpuSeconds"/> of CPU (then the kernel kills it) and 2 × that plus 10 s of wall time.</summary>
    public static ToolResult RunLimited(int cpuSeconds, string tool, params string[] arguments)
    {
        string toolPath = Find(tool);
        var start = new ProcessStartInfo(Find("prlimit"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add($"--as={AddressSpaceLimit}");
        start.ArgumentList.Add($"--cpu={cpuSeconds}");
        start.ArgumentList.Add("--");
        start.ArgumentList.Add(toolPath);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        string command = $"{tool} {string.Join(' ', arguments)}";
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        // The machine may be shared, so CPU seconds can take longer than wall seconds.
        bool exited = process.WaitForExit(TimeSpan.FromSeconds((2 * cpuSeconds) + 10));
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        return new ToolResult(command, process.ExitCode, stdout.Result, stderr.Result, !exited);
    }

    /// <summary>Writes <paramref name="pdf"/> into <paramref name="directory"/> and returns its path.</summary>
    public static string Save(TempDirectory directory, string name, byte[] pdf)
    {
        string path = directory.Combine(name);
        File.WriteAllBytes(path, pdf);
        return path;
    }

    /// <summary>pdfinfo's "Key: value" lines as a dictionary.</summary>
    public static Dictionary<string, string> Info(string path, params string[] options)
    {
        ToolResult result = Run("pdfinfo", [.. options, path]);
        Assert.True(result.ExitCode == 0, result.ToString());
        var info = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in result.StdOut.Split('\n'))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                info[line[..colon]] = line[(colon + 1)..].Trim();
            }
        }
        return info;
    }

    private static string Find(string tool)
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(Path.PathSeparator))
        {
            string candidate = Path.Combine(directory, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        string package = s_packages.GetValueOrDefault(tool, "?");
        Assert.Fail($"'{tool}' is not on PATH; these tests need it. Install it with: apt-get install {package}");
        return tool;
    }
}
