namespace MaoOcr.Documents.Pdf.Writing;

/// <summary>
/// Writes a searchable ("double-layer") PDF page by page: each page shows its image and carries the recognised text as
/// an invisible layer placed over the words, so that viewers can search and select it and tools such as pdftotext can
/// extract it. See docs/design/searchable-pdf.md for the structure.
/// </summary>
/// <remarks>
/// Pages are written to the stream as they are added, so memory holds one page at a time; call <see cref="Finish"/>
/// to write the cross-reference table and trailer, without which the file is not a PDF. The output depends only on
/// the input (no dates; the /ID is a hash of the content). The stream need not be seekable and is not closed.
/// An instance is not thread-safe. Dispose releases the hashing state; it does not finish the file.
/// </remarks>
public sealed partial class SearchablePdfWriter : IDisposable
{
    private const string ImageResource = "Im0";

    private readonly PdfOutput _output;
    private readonly CidEncoder _encoder = new();
    private readonly List<int> _pageObjects = [];
    private WriterState _state = WriterState.Open;

    /// <param name="output">Where the PDF goes; written from its current position.</param>
    /// <exception cref="ArgumentException"><paramref name="output"/> cannot be written.</exception>
    public SearchablePdfWriter(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!output.CanWrite)
        {
            throw new ArgumentException("The stream cannot be written.", nameof(output));
        }
        _output = new PdfOutput(output);
    }

    /// <summary>Pages added so far.</summary>
    public int PageCount => _pageObjects.Count;

    /// <summary>
    /// Adds a page of <paramref name="size"/> that shows <paramref name="image"/> stretched over the whole page and, on
    /// top of it, the invisible text of <paramref name="lines"/>, whose corners are in the image's pixels.
    /// </summary>
    /// <param name="lines">In reading order. Lines whose text is empty or only white space are left out.</param>
    /// <exception cref="ArgumentException">
    /// A side of <paramref name="size"/> is not in (0, <see cref="PdfPageSize.MaximumPoints"/>]; a line is null, has
    /// null text, or has a corner that is not finite or lies more than one image size outside the image.
    /// Nothing is written, and the writer can still be used.
    /// </exception>
    /// <exception cref="InvalidOperationException">The writer is finished, or an earlier write failed.</exception>
    /// <exception cref="ObjectDisposedException">The writer is disposed.</exception>
    public void AddImagePage(PdfPageImage image, PdfPageSize size, IReadOnlyList<PdfTextLine> lines)
    {
        ArgumentNullException.ThrowIfNull(image);
        AddPage(image, size, image.Width, image.Height, lines);
    }

    /// <summary>
    /// Adds a page of <paramref name="size"/> with only the invisible text layer: transparent everywhere, for laying over
    /// a page of an existing PDF (<c>qpdf --overlay</c>) that was rendered to a <paramref name="pixelWidth"/> ×
    /// <paramref name="pixelHeight"/> image for recognition.
    /// </summary>
    /// <param name="pixelWidth">The width of the image the lines' corners refer to, in pixels.</param>
    /// <param name="pixelHeight">The height of the image the lines' corners refer to, in pixels.</param>
    /// <exception cref="ArgumentException">As for <see cref="AddImagePage"/>, or a pixel size is not positive.</exception>
    /// <exception cref="InvalidOperationException">The writer is finished, or an earlier write failed.</exception>
    public void AddTextOnlyPage(PdfPageSize size, int pixelWidth, int pixelHeight, IReadOnlyList<PdfTextLine> lines)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pixelWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pixelHeight);
        AddPage(null, size, pixelWidth, pixelHeight, lines);
    }

    /// <summary>Writes the document's shared objects, the cross-reference table and the trailer. The stream is flushed, not closed.</summary>
    /// <exception cref="InvalidOperationException">No page was added, the writer is already finished, or an earlier write failed.</exception>
    public void Finish()
    {
        EnsureOpen();
        if (_pageObjects.Count == 0)
        {
            throw new InvalidOperationException("A PDF needs at least one page.");
        }
        Guarded(WriteDocumentEnd);
        _state = WriterState.Finished;
    }

    /// <summary>Releases the writer. An unfinished file stays incomplete; the stream is not closed.</summary>
    public void Dispose()
    {
        _state = WriterState.Disposed;
        _output.Dispose();
    }

    private void AddPage(PdfPageImage? image, PdfPageSize size, int widthPixels, int heightPixels, IReadOnlyList<PdfTextLine> lines)
    {
        EnsureOpen();
        ArgumentNullException.ThrowIfNull(lines);
        size.Validate(nameof(size));
        TextLayer.Validate(lines, widthPixels, heightPixels, nameof(lines));
        Guarded(() => WritePage(image, size, PageMapping.Create(size, widthPixels, heightPixels), lines));
    }

    private void WritePage(PdfPageImage? image, PdfPageSize size, PageMapping mapping, IReadOnlyList<PdfTextLine> lines)
    {
        WriteHeaderOnce();
        var content = new PdfBuffer(1024);
        if (image is not null)
        {
            // Draw the image over the whole media box: an image occupies the unit square, which cm scales to the page.
            content.Raw("q\n"u8).Number(size.WidthPoints).Raw(" 0 0 "u8).Number(size.HeightPoints).Raw(" 0 0 cm\n/"u8)
                .Ascii(ImageResource).Raw(" Do\nQ\n"u8);
        }
        bool hasText = TextLayer.HasText(lines);
        if (hasText)
        {
            TextLayer.Write(content, lines, mapping, _encoder);
        }

        int imageObject = image is null ? 0 : WriteImage(image);
        int contentObject = WriteFlateStream(content.WrittenSpan);
        int pageObject = Allocate();
        var page = new PdfBuffer();
        page.Raw("<< /Type /Page /Parent "u8).Reference(PagesObject)
            .Raw(" /MediaBox [0 0 "u8).Number(size.WidthPoints).Raw(" "u8).Number(size.HeightPoints).Raw("]"u8)
            .Raw(" /Resources <<"u8);
        if (image is not null)
        {
            page.Raw(" /XObject << /"u8).Ascii(ImageResource).Raw(" "u8).Reference(imageObject).Raw(" >>"u8);
        }
        if (hasText)
        {
            page.Raw(" /Font << /"u8).Ascii(TextLayer.FontResource).Raw(" "u8).Reference(FontObject()).Raw(" >>"u8);
        }
        page.Raw(" >> /Contents "u8).Reference(contentObject).Raw(" >>"u8);
        WriteObject(pageObject, page.WrittenSpan);
        _pageObjects.Add(pageObject);
    }

    private void EnsureOpen()
    {
        ObjectDisposedException.ThrowIf(_state == WriterState.Disposed, this);
        if (_state != WriterState.Open)
        {
            throw new InvalidOperationException(_state == WriterState.Finished
                ? "The PDF is finished; nothing more can be added."
                : "An earlier write to the stream failed, so the PDF is incomplete.");
        }
    }

    /// <summary>Runs a write; if it throws, the file is incomplete, so the writer refuses everything after.</summary>
    private void Guarded(Action write)
    {
        try
        {
            write();
        }
        catch
        {
            _state = WriterState.Failed;
            throw;
        }
    }
}
