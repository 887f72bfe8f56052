using MaoOcr.Appliance.Core;
using MaoOcr.Appliance.Documents;
using MaoOcr.Documents.Pdf;
using MaoOcr.Documents.Pdf.Combining;

namespace MaoOcr.EdgeServer.Cli;

/// <summary><c>maoocr ocr --pdf OUT.pdf</c>: the files read so far, kept (PDFs stay open) until the searchable PDF is written.</summary>
internal sealed class CliSearchablePdf(string? path) : IDisposable
{
    private readonly List<ReadOnlyMemory<byte>> _inputs = [];
    private readonly List<OcrItemResult> _results = [];
    private readonly Dictionary<int, DocumentReading> _documents = [];

    /// <summary>Keeps a file's bytes and result (and its opened PDF) when a searchable PDF is asked for; else disposes the PDF.</summary>
    public void Add(byte[] bytes, OcrItemResult result, DocumentReading? document)
    {
        if (path is null)
        {
            document?.Dispose();
            return;
        }
        if (document is not null)
        {
            _documents[_inputs.Count] = document;
        }
        _inputs.Add(bytes);
        _results.Add(result);
    }

    /// <summary>Writes the file; returns why it could not, or null.</summary>
    public string? Write(PdfCombiner combiner, long maxImagePixels)
    {
        if (path is null)
        {
            return null;
        }
        if (_results.Count == 0)
        {
            return "no file could be read, so there is nothing to write.";
        }
        try
        {
            byte[] pdf = SearchablePdfBuilder.Build(_inputs, _results, _documents, combiner, maxImagePixels, CancellationToken.None);
            File.WriteAllBytes(path, pdf);
            return null;
        }
        catch (Exception e) when (e is PdfException or IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }

    public void Dispose()
    {
        foreach (DocumentReading document in _documents.Values)
        {
            document.Dispose();
        }
    }
}
