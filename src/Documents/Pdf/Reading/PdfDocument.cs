using System.Globalization;
using MaoOcr.Documents.Sandbox;

namespace MaoOcr.Documents.Pdf.Reading;

/// <summary>
/// One opened PDF: a private copy on disk for the tools to read, what pdfinfo said of it, and the calls that read its
/// text layer and render its pages, each in a sandboxed child process. Dispose deletes the copy.
/// </summary>
public sealed class PdfDocument : IDisposable
{
    private const int MaxTextOutputBytes = 64 * 1024 * 1024;

    private readonly PdfTools _tools;
    private readonly PdfLimits _limits;
    private readonly ToolRunner _runner;
    private readonly string _directory;

    internal PdfDocument(PdfTools tools, PdfLimits limits, ToolRunner runner, string directory, string path, PdfInfo info)
    {
        _tools = tools;
        _limits = limits;
        _runner = runner;
        _directory = directory;
        FilePath = path;
        Info = info;
    }

    /// <summary>The limits it was opened under.</summary>
    public PdfLimits Limits => _limits;

    /// <summary>Page count, encryption, and the sizes of the pages that will be read.</summary>
    public PdfInfo Info { get; }

    /// <summary>The private copy, for tools that take the whole document (qpdf's overlay).</summary>
    public string FilePath { get; }

    /// <summary>Reads the text layers of every page to be read, in one run of pdftotext. (Its -tsv output is given even for
    /// a PDF whose permissions forbid copying text, where plain pdftotext exits 3: checked with poppler 22.12.)</summary>
    /// <exception cref="PdfException">The tool failed, ran too long, or said something we cannot parse.</exception>
    public IReadOnlyList<TextLayerPage> ReadTextLayers(CancellationToken cancellationToken)
    {
        int last = Info.Pages.Count;
        if (last == 0)
        {
            return [];
        }
        string[] arguments = ["-tsv", "-enc", "UTF-8", "-f", "1", "-l", last.ToString(CultureInfo.InvariantCulture), FilePath, "-"];
        ToolResult result = PdfDocumentReader.RunTool(_runner, _tools.PdfToText!, arguments, _directory, ToolLimitsFor(last, MaxTextOutputBytes), "reading the text layer", cancellationToken);
        if (!TextLayerParser.TryParse(result.Output, out IReadOnlyList<TextLayerPage> pages))
        {
            PdfThrow.Invalid("its text layer could not be read.");
        }
        return pages;
    }

    /// <summary>The resolution a page renders at: <paramref name="wantedDpi"/>, lowered so the page stays within the pixel limit.</summary>
    public double RenderDpi(PdfPageInfo page, double wantedDpi)
    {
        double inches = page.WidthPoints / 72 * (page.HeightPoints / 72);
        double limited = Math.Sqrt(_limits.MaxPagePixels / inches);
        // Whole pixels are floored by the renderer; stay a hair under so rounding cannot cross the limit.
        return Math.Max(Math.Min(wantedDpi, limited * 0.999), 0.1);
    }

    /// <summary>Renders page <paramref name="number"/> (1-based) at <paramref name="dpi"/> as a binary PPM (raw RGB: no PNG
    /// encode and decode, 0.35 s instead of 0.83 s for an A4 page at 200 dpi).</summary>
    /// <exception cref="PdfException">The renderer failed or ran too long.</exception>
    public byte[] RenderPage(int number, double dpi, CancellationToken cancellationToken) => Render(number, dpi, [], cancellationToken);

    /// <summary>Renders page <paramref name="number"/> as a JPEG (quality 85): the picture of a page in a searchable PDF
    /// made where qpdf is missing, a tenth of the raw pixels' size.</summary>
    /// <exception cref="PdfException">The renderer failed or ran too long.</exception>
    public byte[] RenderPageJpeg(int number, double dpi, CancellationToken cancellationToken) => Render(number, dpi, ["-jpeg", "-jpegopt", "quality=85"], cancellationToken);

    private byte[] Render(int number, double dpi, string[] format, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, Info.Pages.Count);
        string page = number.ToString(CultureInfo.InvariantCulture);
        string[] arguments = ["-r", dpi.ToString("0.###", CultureInfo.InvariantCulture), "-f", page, "-l", page, "-cropbox", .. format, FilePath];
        // Raw RGB plus a header.
        long maxBytes = (_limits.MaxPagePixels * 3) + (16 * 1024 * 1024);
        ToolResult result = PdfDocumentReader.RunTool(_runner, _tools.PdfToPpm!, arguments, _directory, ToolLimitsFor(1, maxBytes), $"rendering page {page}", cancellationToken);
        if (result.Output.Length == 0)
        {
            PdfThrow.Invalid($"page {page} could not be rendered.");
        }
        return result.Output;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A tool still exiting may hold it for a moment; the temporary folder is cleaned by the system.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private ToolLimits ToolLimitsFor(int pages, long maxOutput)
        => new(TimeSpan.FromSeconds((double)_limits.SecondsPerPage * pages), (long)_limits.ToolMemoryMegabytes * 1024 * 1024, maxOutput);
}
