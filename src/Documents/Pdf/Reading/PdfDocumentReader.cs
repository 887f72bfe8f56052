using System.Globalization;
using MaoOcr.Documents.Sandbox;

namespace MaoOcr.Documents.Pdf.Reading;

/// <summary>
/// Opens untrusted PDFs with poppler's tools, never in this process: the bytes go to a private file, and pdfinfo,
/// pdftotext and pdftoppm read it in sandboxed child processes (<see cref="ToolRunner"/>) under the
/// <see cref="PdfLimits"/>. Thread-safe; one instance serves the appliance.
/// </summary>
public sealed class PdfDocumentReader
{
    /// <summary>What pdfinfo may print. 4 MiB: a line or two per page for the pages asked, plus metadata.</summary>
    private const int MaxInfoOutputBytes = 4 * 1024 * 1024;

    private readonly PdfTools _tools;
    private readonly PdfLimits _limits;
    private readonly ToolRunner _runner;

    public PdfDocumentReader(PdfLimits limits, PdfTools? tools = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        _limits = limits;
        _tools = tools ?? new PdfTools(limits.ToolsDirectory);
        _runner = new ToolRunner(limits.IsolateNetwork && ToolRunner.NetworkIsolationAvailable);
    }

    public PdfTools Tools => _tools;

    internal ToolRunner Runner => _runner;

    public PdfLimits Limits => _limits;

    /// <summary>Whether the tools run without network; false where the kernel refuses unprivileged user namespaces.</summary>
    public bool NetworkIsolated => _runner.NetworkIsolated;

    /// <summary>Whether memory and CPU limits are applied to the tools.</summary>
    public bool LimitsApplied => _runner.LimitsApplied;

    /// <summary>Writes <paramref name="pdf"/> to a private folder and reads its page count, sizes and encryption.</summary>
    /// <exception cref="PdfException">The tools are missing; the file is not a readable PDF, needs a password, or has more pages than the limit.</exception>
    public PdfDocument Open(ReadOnlySpan<byte> pdf, CancellationToken cancellationToken)
    {
        if (!_tools.CanRead)
        {
            PdfThrow.ToolsMissing("poppler-utils (pdfinfo, pdftotext, pdftoppm)");
        }
        if (!PdfSignature.IsPdf(pdf))
        {
            PdfThrow.Invalid("it does not start with the %PDF- header.");
        }
        string directory = Path.Combine(Path.GetTempPath(), "maoocr-pdf-" + Guid.NewGuid().ToString("N"));
        // Only this user may read what a client sent.
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        try
        {
            string path = Path.Combine(directory, "document.pdf");
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                file.Write(pdf);
            }
            string last = _limits.MaxPages.ToString(CultureInfo.InvariantCulture);
            ToolResult result = RunTool(_runner, _tools.PdfInfo!, ["-f", "1", "-l", last, path], directory,
                new ToolLimits(TimeSpan.FromSeconds(_limits.SecondsPerPage), (long)_limits.ToolMemoryMegabytes * 1024 * 1024, MaxInfoOutputBytes),
                "reading the page list", cancellationToken);
            if (!PdfInfoParser.TryParse(System.Text.Encoding.UTF8.GetString(result.Output), out PdfInfo info))
            {
                PdfThrow.Invalid("its page list could not be read.");
            }
            if (info.PageCount > _limits.MaxPages)
            {
                PdfThrow.TooManyPages(info.PageCount, _limits.MaxPages);
            }
            if (info.PageCount == 0 || info.Pages.Count == 0)
            {
                PdfThrow.Invalid("it has no pages.");
            }
            return new PdfDocument(_tools, _limits, _runner, directory, path, info);
        }
        catch
        {
            TryDelete(directory);
            throw;
        }
    }

    /// <summary>Runs one tool and turns every way it can fail into a <see cref="PdfException"/> that says what happened.</summary>
    internal static ToolResult RunTool(ToolRunner runner, string tool, IReadOnlyList<string> arguments, string directory, ToolLimits limits, string what, CancellationToken cancellationToken)
    {
        ToolResult result;
        try
        {
            result = runner.Run(tool, arguments, directory, limits, cancellationToken);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            PdfThrow.ToolsMissing($"{Path.GetFileName(tool)} ({e.Message})");
            throw; // unreachable
        }
        switch (result.Outcome)
        {
            case ToolOutcome.Cancelled:
                throw new OperationCanceledException(cancellationToken);
            case ToolOutcome.TimedOut:
                PdfThrow.TimedOut(what, limits.WallTime);
                break;
            case ToolOutcome.OutputTooLarge:
                PdfThrow.TooLarge($"{what} produced more than {limits.MaxOutputBytes:N0} bytes.");
                break;
        }
        if (result.ExitCode == 0)
        {
            return result;
        }
        cancellationToken.ThrowIfCancellationRequested();
        string errors = result.Errors;
        if (errors.Contains("Incorrect password", StringComparison.OrdinalIgnoreCase))
        {
            PdfThrow.Encrypted();
        }
        if (result.ExitCode >= 128 || errors.Contains("Out of memory", StringComparison.OrdinalIgnoreCase) || errors.Contains("bad_alloc", StringComparison.Ordinal))
        {
            // Killed by a signal: the address-space or CPU limit (a bomb, or a page far too complex).
            PdfThrow.TooLarge(string.Create(CultureInfo.InvariantCulture,
                $"{what} needed more than the memory or CPU allowed ({limits.MemoryBytes / (1024 * 1024)} MiB, Pdf:ToolMemoryMegabytes)."));
        }
        PdfThrow.Invalid($"{what} failed: {FirstLine(errors)}");
        throw new InvalidOperationException(); // unreachable
    }

    private static string FirstLine(string errors)
    {
        foreach (string line in errors.Split('\n'))
        {
            string trimmed = line.Trim();
            // poppler prints repairable "Syntax Warning"s first; the fatal line is an error.
            if (trimmed.Contains("Error", StringComparison.Ordinal) && !trimmed.StartsWith("Syntax Warning", StringComparison.Ordinal))
            {
                return Truncate(trimmed);
            }
        }
        string first = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no message";
        return Truncate(first);
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
