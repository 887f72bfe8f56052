namespace MaoOcr.Documents.Pdf.Writing;

/// <summary>How a page image's samples are stored in the PDF.</summary>
public enum PdfImageEncoding
{
    /// <summary>A JPEG file stored byte for byte with /DCTDecode: no re-encoding, so a photo loses nothing more.</summary>
    Jpeg,

    /// <summary>8-bit samples compressed losslessly with /FlateDecode (zlib).</summary>
    Flate,
}
