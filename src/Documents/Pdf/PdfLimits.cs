namespace MaoOcr.Documents.Pdf;

/// <summary>Limits on one PDF, bound from the "Pdf" configuration section. Each default says where it comes from.</summary>
public sealed class PdfLimits
{
    /// <summary>Pages read from one document. 200: the page limit of a public PDF-OCR API (Azure Document Intelligence's
    /// 2,000 for paid tiers is for a cloud; 200 pages take minutes on a small box), and beyond it a request is better split.</summary>
    public int MaxPages { get; set; } = 200;

    /// <summary>Pixels in one rendered page. 36 megapixels: A3 at 300 dpi is 17.4 MP, so ordinary pages render at the
    /// resolution asked; a poster renders at a lower resolution instead of costing gigabytes (below the engine's 40 MP limit).</summary>
    public long MaxPagePixels { get; set; } = 36_000_000;

    /// <summary>Wall time for one page's rendering, and per page for the whole document's text and info. 30 s: a dense
    /// vector page renders in well under a second on a Jetson; a page that takes longer is hostile or broken.</summary>
    public int SecondsPerPage { get; set; } = 30;

    /// <summary>Address space of one PDF tool, in MiB. 1024: an A3 page at 300 dpi is a 52 MB bitmap; poppler, its fonts
    /// and libraries need about 100 MB more. A decompression bomb fails inside the tool at this limit.</summary>
    public int ToolMemoryMegabytes { get; set; } = 1024;

    /// <summary>Characters of text a page must carry for its own text layer to be used instead of OCR. 16: a scan with a
    /// stamped page number or a producer's watermark is still OCR'd; a page of real text has hundreds.</summary>
    public int MinTextLayerCharacters { get; set; } = 16;

    /// <summary>Seconds each page after the first adds to a request's time limit (Server:RequestTimeoutSeconds). 15: a
    /// scanned A4 page takes 1–5 s on a 2-core box at balanced accuracy; three times that leaves room for a busy queue.</summary>
    public int RequestSecondsPerPage { get; set; } = 15;

    /// <summary>Run the PDF tools without network (a network namespace of their own) when the kernel allows it.</summary>
    public bool IsolateNetwork { get; set; } = true;

    /// <summary>Where poppler's and qpdf's programs are; empty to search /usr/bin and /usr/local/bin.</summary>
    public string ToolsDirectory { get; set; } = "";

    /// <exception cref="ArgumentOutOfRangeException">A limit is not positive.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPages, 1, nameof(MaxPages));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPagePixels, 10_000, nameof(MaxPagePixels));
        ArgumentOutOfRangeException.ThrowIfLessThan(SecondsPerPage, 1, nameof(SecondsPerPage));
        ArgumentOutOfRangeException.ThrowIfLessThan(ToolMemoryMegabytes, 64, nameof(ToolMemoryMegabytes));
        ArgumentOutOfRangeException.ThrowIfNegative(MinTextLayerCharacters, nameof(MinTextLayerCharacters));
        ArgumentOutOfRangeException.ThrowIfNegative(RequestSecondsPerPage, nameof(RequestSecondsPerPage));
    }
}
