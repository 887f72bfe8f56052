namespace MaoOcr.Documents.Pdf;

/// <summary>Where the external PDF programs are. Looked up once; a missing one is reported when a PDF first needs it.</summary>
public sealed class PdfTools
{
    private static readonly string[] s_defaultDirectories = ["/usr/bin", "/usr/local/bin", "/bin"];

    public PdfTools(string? directory = null)
    {
        string[] directories = string.IsNullOrEmpty(directory) ? s_defaultDirectories : [directory];
        PdfInfo = Find("pdfinfo", directories);
        PdfToText = Find("pdftotext", directories);
        PdfToPpm = Find("pdftoppm", directories);
        Qpdf = Find("qpdf", directories);
    }

    /// <summary>poppler-utils' pdfinfo: page count, sizes, encryption.</summary>
    public string? PdfInfo { get; }

    /// <summary>poppler-utils' pdftotext: a page's own text layer.</summary>
    public string? PdfToText { get; }

    /// <summary>poppler-utils' pdftoppm: renders a page.</summary>
    public string? PdfToPpm { get; }

    /// <summary>qpdf: adds a text layer over the pages of an original PDF (optional: without it, a searchable PDF made from
    /// a PDF is built from the rendered pages).</summary>
    public string? Qpdf { get; }

    /// <summary>True when PDFs can be read (poppler-utils is installed).</summary>
    public bool CanRead => PdfInfo is not null && PdfToText is not null && PdfToPpm is not null;

    private static string? Find(string name, string[] directories)
    {
        foreach (string directory in directories)
        {
            string path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                return path;
            }
        }
        return null;
    }
}
