using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace MaoOcr.Client.Tests.Support;

/// <summary>
/// qpdf and poppler's pdftotext, run as processes to check a searchable PDF the way a reader would open it. A missing
/// tool fails the test naming the Debian package to install; it never skips.
/// </summary>
internal static class PdfTools
{
    /// <summary>Generous for one small document on a busy 2-core machine.</summary>
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    /// <summary>Asserts that <c>qpdf --check</c> exits 0.</summary>
    public static void AssertQpdfCheck(string pdf)
    {
        (int exitCode, string output) = Run("qpdf", "qpdf", "--check", pdf);
        Assert.True(exitCode == 0, $"qpdf --check exited {exitCode}:\n{output}");
    }

    /// <summary>The text <c>pdftotext</c> extracts from the whole file, UTF-8.</summary>
    public static string Text(string pdf)
    {
        (int exitCode, string output) = Run("pdftotext", "poppler-utils", "-enc", "UTF-8", pdf, "-");
        Assert.True(exitCode == 0, $"pdftotext exited {exitCode}:\n{output}");
        return output;
    }

    private static (int ExitCode, string Output) Run(string tool, string package, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"'{tool}' is not installed: apt-get install {package}", e);
        }
        using (process)
        {
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(s_timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} {string.Join(' ', arguments)} ran for over {s_timeout.TotalSeconds} s.");
            }
            return (process.ExitCode, output.Result + error.Result);
        }
    }
}
