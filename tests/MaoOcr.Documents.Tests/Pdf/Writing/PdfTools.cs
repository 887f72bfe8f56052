using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SkiaSharp;

namespace MaoOcr.Documents.Tests.Pdf.Writing;

/// <summary>
/// The real PDF tools, run as processes: qpdf, and poppler's pdftotext, pdffonts, pdfinfo and pdftoppm. A missing tool
/// fails the test with the Debian package to install; it never skips.
/// </summary>
internal static partial class PdfTools
{
    private const string Poppler = "poppler-utils";
    private const string Qpdf = "qpdf";

    /// <summary>Generous for one small document on a busy 2-core machine.</summary>
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    public sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        public string All => StandardOutput + StandardError;
    }

    /// <summary>One word of <c>pdftotext -bbox</c>, in points from the page's top-left corner.</summary>
    public sealed record Word(int Page, string Text, double XMin, double YMin, double XMax, double YMax);

    public static Result Run(string tool, params string[] arguments)
    {
        string package = tool == "qpdf" ? Qpdf : Poppler;
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
            return new Result(process.ExitCode, output.Result, error.Result);
        }
    }

    /// <summary>Asserts that <c>qpdf --check</c> exits 0 and reports neither errors nor warnings.</summary>
    public static void AssertQpdfCheckClean(string pdf)
    {
        Result check = Run("qpdf", "--check", pdf);
        Assert.True(check.ExitCode == 0, $"qpdf --check exited {check.ExitCode}:\n{check.All}");
        Assert.Contains("No syntax or stream encoding errors found", check.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("WARNING", check.All, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("error", check.StandardError, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(string.Empty, check.StandardError);
    }

    /// <summary>pdftotext's text, UTF-8, of one page or all; stderr must be empty (poppler reports syntax errors there).</summary>
    public static string Text(string pdf, bool raw = false, int? page = null)
    {
        var arguments = new List<string> { "-enc", "UTF-8" };
        if (raw)
        {
            arguments.Add("-raw");
        }
        if (page is int p)
        {
            arguments.AddRange(["-f", p.ToString(CultureInfo.InvariantCulture), "-l", p.ToString(CultureInfo.InvariantCulture)]);
        }
        arguments.AddRange([pdf, "-"]);
        Result result = Run("pdftotext", [.. arguments]);
        Assert.True(result.ExitCode == 0 && result.StandardError.Length == 0, $"pdftotext exited {result.ExitCode}:\n{result.StandardError}");
        return result.StandardOutput;
    }

    public static IReadOnlyList<Word> Words(string pdf)
    {
        Result result = Run("pdftotext", "-enc", "UTF-8", "-bbox", pdf, "-");
        Assert.True(result.ExitCode == 0 && result.StandardError.Length == 0, $"pdftotext -bbox exited {result.ExitCode}:\n{result.StandardError}");
        var words = new List<Word>();
        int page = 0;
        foreach (string line in result.StandardOutput.Split('\n'))
        {
            if (line.Contains("<page ", StringComparison.Ordinal))
            {
                page++;
                continue;
            }
            Match match = WordPattern().Match(line);
            if (match.Success)
            {
                words.Add(new Word(
                    page,
                    System.Net.WebUtility.HtmlDecode(match.Groups["text"].Value),
                    Number(match, "xMin"),
                    Number(match, "yMin"),
                    Number(match, "xMax"),
                    Number(match, "yMax")));
            }
        }
        return words;
    }

    public static string Fonts(string pdf)
    {
        Result result = Run("pdffonts", pdf);
        Assert.True(result.ExitCode == 0 && result.StandardError.Length == 0, $"pdffonts exited {result.ExitCode}:\n{result.StandardError}");
        return result.StandardOutput;
    }

    /// <summary>Each page's size in points as pdfinfo reports it.</summary>
    public static IReadOnlyList<(double Width, double Height)> PageSizes(string pdf)
    {
        Result result = Run("pdfinfo", "-f", "1", "-l", "1000", pdf);
        Assert.True(result.ExitCode == 0 && result.StandardError.Length == 0, $"pdfinfo exited {result.ExitCode}:\n{result.StandardError}");
        return PageSizePattern().Matches(result.StandardOutput)
            .Select(m => (Number(m, "w"), Number(m, "h")))
            .ToList();
    }

    /// <summary>Renders one page with pdftoppm at <paramref name="dpi"/> and decodes the PNG.</summary>
    public static SKBitmap Render(string pdf, int page, double dpi, string workDirectory)
    {
        string prefix = Path.Combine(workDirectory, $"render-{Guid.NewGuid():N}");
        string p = page.ToString(CultureInfo.InvariantCulture);
        Result result = Run("pdftoppm", "-png", "-r", dpi.ToString(CultureInfo.InvariantCulture), "-f", p, "-l", p, "-singlefile", pdf, prefix);
        Assert.True(result.ExitCode == 0 && result.StandardError.Length == 0, $"pdftoppm exited {result.ExitCode}:\n{result.StandardError}");
        return SKBitmap.Decode(prefix + ".png") ?? throw new InvalidOperationException("pdftoppm wrote no readable PNG.");
    }

    private static double Number(Match match, string group) => double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex("""<word xMin="(?<xMin>[-0-9.]+)" yMin="(?<yMin>[-0-9.]+)" xMax="(?<xMax>[-0-9.]+)" yMax="(?<yMax>[-0-9.]+)">(?<text>.*)</word>""")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"Page\s+\d+ size:\s+(?<w>[0-9.]+) x (?<h>[0-9.]+) pts")]
    private static partial Regex PageSizePattern();
}
