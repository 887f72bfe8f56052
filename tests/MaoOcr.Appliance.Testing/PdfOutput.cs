using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MaoOcr.Appliance.Testing;

/// <summary>
/// Checks of a searchable PDF the appliance or the CLI returned, with the real tools: qpdf --check, and poppler's
/// pdftotext and pdfinfo. A missing tool fails the test naming the Debian package; it never skips.
/// </summary>
public static partial class PdfOutput
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    /// <summary>qpdf --check exits 0 and finds no syntax or stream errors.</summary>
    public static void AssertValid(byte[] pdf)
    {
        Assert.True(pdf.AsSpan().StartsWith("%PDF-"u8), "the body does not start with %PDF-");
        (int exit, string output, string errors) = Run("qpdf", pdf, "--check", "{pdf}");
        Assert.True(exit == 0, $"qpdf --check exited {exit}:\n{output}{errors}");
        Assert.Contains("No syntax or stream encoding errors found", output, StringComparison.Ordinal);
    }

    /// <summary>pdftotext's text of every page (pages end with a form feed), UTF-8.</summary>
    public static string Text(byte[] pdf)
    {
        (int exit, string output, string errors) = Run("pdftotext", pdf, "-enc", "UTF-8", "{pdf}", "-");
        Assert.True(exit == 0, $"pdftotext exited {exit}:\n{errors}");
        return output;
    }

    /// <summary>pdftotext's text of each page, in order.</summary>
    public static IReadOnlyList<string> PageTexts(byte[] pdf) => Text(pdf).Split('\f')[..^1];

    /// <summary>Each page's size in points, as shown (pdfinfo applies /Rotate to neither; this does).</summary>
    public static IReadOnlyList<(double Width, double Height)> PageSizes(byte[] pdf)
    {
        (int exit, string output, string errors) = Run("pdfinfo", pdf, "-f", "1", "-l", "10000", "{pdf}");
        Assert.True(exit == 0, $"pdfinfo exited {exit}:\n{errors}");
        var rotations = RotationPattern().Matches(output).ToDictionary(m => m.Groups["page"].Value, m => int.Parse(m.Groups["rot"].Value, CultureInfo.InvariantCulture));
        return SizePattern().Matches(output).Select(m =>
        {
            double w = double.Parse(m.Groups["w"].Value, CultureInfo.InvariantCulture), h = double.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
            return rotations.GetValueOrDefault(m.Groups["page"].Value) % 180 == 0 ? (w, h) : (h, w);
        }).ToList();
    }

    private static (int Exit, string Output, string Errors) Run(string tool, byte[] pdf, params string[] arguments)
    {
        string package = tool == "qpdf" ? "qpdf" : "poppler-utils";
        string path = Path.Combine(Path.GetTempPath(), $"maoocr-output-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
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
                start.ArgumentList.Add(argument == "{pdf}" ? path : argument);
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
                Task<string> errors = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(s_timeout))
                {
                    process.Kill(entireProcessTree: true);
                    throw new TimeoutException($"{tool} ran for over {s_timeout.TotalSeconds} s.");
                }
                return (process.ExitCode, output.Result, errors.Result);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [GeneratedRegex(@"Page\s+(?<page>\d+) size:\s+(?<w>[0-9.]+) x (?<h>[0-9.]+) pts")]
    private static partial Regex SizePattern();

    [GeneratedRegex(@"Page\s+(?<page>\d+) rot:\s+(?<rot>\d+)")]
    private static partial Regex RotationPattern();
}
