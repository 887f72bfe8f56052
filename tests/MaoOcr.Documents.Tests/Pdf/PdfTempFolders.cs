namespace MaoOcr.Documents.Tests.Pdf;

/// <summary>
/// The tests that open PDFs with the reader or join them with qpdf run one at a time: each run makes private folders in
/// the temp folder, and the tests that check none is left behind look there.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PdfTempFolders
{
    public const string Name = "PDF tools";
}
