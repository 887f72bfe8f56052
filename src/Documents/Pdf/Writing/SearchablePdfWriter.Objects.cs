using System.Diagnostics;

namespace MaoOcr.Documents.Pdf.Writing;

// The file's skeleton (ISO 32000-1, 7.5): header, numbered objects, cross-reference table, trailer.
public sealed partial class SearchablePdfWriter
{
    private const int CatalogObject = 1;
    private const int PagesObject = 2;

    /// <summary>
    /// "%PDF-1.7", then a comment of bytes above 127 so that transfer tools treat the file as binary (ISO 32000-1,
    /// 7.5.2). 1.7 because nothing here needs more, and every reader in use reads it.
    /// </summary>
    private static ReadOnlySpan<byte> Header => "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"u8;

    /// <summary>Bytes of the /ID kept from the content's SHA-256: 16, the size of the MD5 that ISO 32000-1, 14.4 suggests.</summary>
    private const int IdLength = 16;

    // Offsets of objects 1..n by number; index 0 is the free-list head. -1 until the object is written.
    private readonly List<long> _offsets = [0, -1, -1];

    private int Allocate()
    {
        _offsets.Add(-1);
        return _offsets.Count - 1;
    }

    private void WriteHeaderOnce()
    {
        if (_output.Position == 0)
        {
            _output.Write(Header);
        }
    }

    private void BeginObject(int number)
    {
        Debug.Assert(_offsets[number] < 0, "each object is written once");
        _offsets[number] = _output.Position;
        var line = new PdfBuffer(16);
        line.Integer(number).Raw(" 0 obj\n"u8);
        _output.Write(line.WrittenSpan);
    }

    private void EndObject() => _output.Write("\nendobj\n"u8);

    private void WriteObject(int number, ReadOnlySpan<byte> body)
    {
        BeginObject(number);
        _output.Write(body);
        EndObject();
    }

    /// <summary>Writes a stream object; <paramref name="dictionaryEntries"/> are written before /Length.</summary>
    private void WriteStream(int number, ReadOnlySpan<byte> dictionaryEntries, ReadOnlySpan<byte> data)
    {
        BeginObject(number);
        var dictionary = new PdfBuffer();
        dictionary.Raw("<<"u8).Raw(dictionaryEntries).Raw(" /Length "u8).Integer(data.Length).Raw(" >>\nstream\n"u8);
        _output.Write(dictionary.WrittenSpan);
        _output.Write(data);
        _output.Write("\nendstream"u8);
        EndObject();
    }

    private int WriteFlateStream(ReadOnlySpan<byte> data)
    {
        int number = Allocate();
        WriteFlateStream(number, data, default);
        return number;
    }

    private void WriteFlateStream(int number, ReadOnlySpan<byte> data, ReadOnlySpan<byte> extraEntries)
    {
        var entries = new PdfBuffer();
        entries.Raw(" /Filter /FlateDecode"u8).Raw(extraEntries);
        WriteStream(number, entries.WrittenSpan, Flate.Compress(data));
    }

    private int WriteImage(PdfPageImage image)
    {
        int number = Allocate();
        var entries = new PdfBuffer();
        entries.Raw(" /Type /XObject /Subtype /Image /Width "u8).Integer(image.Width).Raw(" /Height "u8).Integer(image.Height)
            .Raw(image.Components == 1 ? " /ColorSpace /DeviceGray"u8 : " /ColorSpace /DeviceRGB"u8)
            .Raw(" /BitsPerComponent 8"u8);
        if (image.Encoding == PdfImageEncoding.Jpeg)
        {
            entries.Raw(" /Filter /DCTDecode"u8);
            WriteStream(number, entries.WrittenSpan, image.Data.Span);
            return number;
        }

        // Raw pixels are compressed straight into the file, so a large page is never held compressed in memory too;
        // the length is known only afterwards, so it goes in an indirect object (ISO 32000-1, 7.3.8.2 allows it).
        int lengthObject = Allocate();
        BeginObject(number);
        var dictionary = new PdfBuffer();
        dictionary.Raw("<<"u8).Raw(entries.WrittenSpan).Raw(" /Filter /FlateDecode /Length "u8).Reference(lengthObject).Raw(" >>\nstream\n"u8);
        _output.Write(dictionary.WrittenSpan);
        long start = _output.Position;
        Flate.CompressTo(image.Data.Span, _output);
        long length = _output.Position - start;
        _output.Write("\nendstream"u8);
        EndObject();
        WriteObject(lengthObject, new PdfBuffer(16).Integer(length).WrittenSpan);
        return number;
    }

    private void WriteDocumentEnd()
    {
        WriteFontObjects();

        var pages = new PdfBuffer();
        pages.Raw("<< /Type /Pages /Kids ["u8);
        foreach (int page in _pageObjects)
        {
            pages.Raw(" "u8).Reference(page);
        }
        pages.Raw(" ] /Count "u8).Integer(_pageObjects.Count).Raw(" >>"u8);
        WriteObject(PagesObject, pages.WrittenSpan);
        WriteObject(CatalogObject, new PdfBuffer().Raw("<< /Type /Catalog /Pages "u8).Reference(PagesObject).Raw(" >>"u8).WrittenSpan);

        // The /ID is derived from everything written so far, so identical input gives an identical file.
        ReadOnlySpan<byte> id = _output.HashSoFar().AsSpan(0, IdLength);
        long xrefOffset = _output.Position;
        var tail = new PdfBuffer(64 + (_offsets.Count * XrefEntryLength));
        tail.Raw("xref\n0 "u8).Integer(_offsets.Count).Raw("\n0000000000 65535 f\r\n"u8);
        for (int number = 1; number < _offsets.Count; number++)
        {
            Debug.Assert(_offsets[number] >= 0, "every allocated object is written before the xref");
            tail.ZeroPadded(_offsets[number], XrefOffsetDigits).Raw(" 00000 n\r\n"u8);
        }
        tail.Raw("trailer\n<< /Size "u8).Integer(_offsets.Count).Raw(" /Root "u8).Reference(CatalogObject)
            .Raw(" /ID [<"u8).Hex(id).Raw("> <"u8).Hex(id).Raw(">] >>\nstartxref\n"u8).Integer(xrefOffset).Raw("\n%%EOF\n"u8);
        _output.Write(tail.WrittenSpan);
        _output.Flush();
    }

    /// <summary>Each cross-reference entry is exactly 20 bytes: 10-digit offset, space, 5-digit generation, space, type, 2-byte end of line (7.5.4).</summary>
    private const int XrefEntryLength = 20;

    private const int XrefOffsetDigits = 10;
}
