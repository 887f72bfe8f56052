using System.Globalization;
using System.Text;

namespace MaoOcr.Testing.Documents;

/// <summary>
/// Writes a PDF file object by object: the header, numbered indirect objects, then a classic cross-reference table
/// and trailer (ISO 32000-1 §7.5). Just enough for image pages and for hand-made broken files, which is why it
/// lets a caller write any text as an object body, reserve numbers for later, and end the file in odd ways.
/// </summary>
internal sealed class PdfObjectWriter : IDisposable
{
    // The second header line is a comment with bytes over 127, so that transfer tools treat the file as binary (§7.5.2).
    private static readonly byte[] s_header = [.. "%PDF-1.7\n%"u8, 0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n'];

    private readonly MemoryStream _output = new();
    private readonly List<long> _offsets = [];

    public PdfObjectWriter()
    {
        _output.Write(s_header);
    }

    /// <summary>The number of bytes written so far.</summary>
    public long Position => _output.Position;

    /// <summary>Where the last <see cref="Finish"/> began its "xref" keyword.</summary>
    public long XrefOffset { get; private set; } = -1;

    /// <summary>How many object numbers are taken; the trailer's /Size is one more (object 0 is the free list's head).</summary>
    public int ObjectCount => _offsets.Count;

    /// <summary>Takes the next object number without writing the object yet (for objects that refer to each other).</summary>
    public int Reserve()
    {
        _offsets.Add(-1);
        return _offsets.Count;
    }

    /// <summary>Writes a reserved object; <paramref name="body"/> is its PDF text, e.g. "&lt;&lt; /Type /Page … &gt;&gt;".</summary>
    public void Write(int number, string body)
    {
        BeginObject(number);
        WriteText(body);
        WriteText("\nendobj\n");
    }

    /// <summary>Writes a reserved stream object; <paramref name="dictionaryEntries"/> are the entries other than /Length.</summary>
    public void WriteStream(int number, string dictionaryEntries, ReadOnlySpan<byte> data)
    {
        BeginObject(number);
        WriteText(Invariant($"<< {dictionaryEntries} /Length {data.Length} >>\nstream\n"));
        _output.Write(data);
        WriteText("\nendstream\nendobj\n");
    }

    public int Add(string body)
    {
        int number = Reserve();
        Write(number, body);
        return number;
    }

    public int AddStream(string dictionaryEntries, ReadOnlySpan<byte> data)
    {
        int number = Reserve();
        WriteStream(number, dictionaryEntries, data);
        return number;
    }

    /// <summary>Appends raw bytes outside any object (for broken files).</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes) => _output.Write(bytes);

    /// <summary>
    /// Writes the cross-reference table, the trailer with /Size and /Root plus <paramref name="extraTrailerEntries"/>,
    /// startxref and %%EOF, and returns the whole file.
    /// </summary>
    /// <exception cref="InvalidOperationException">A reserved object was never written.</exception>
    public byte[] Finish(int root, string extraTrailerEntries = "")
    {
        XrefOffset = _output.Position;
        var xref = new StringBuilder();
        xref.Append(CultureInfo.InvariantCulture, $"xref\n0 {_offsets.Count + 1}\n");
        // Every entry is exactly 20 bytes, its end of line included (§7.5.4).
        xref.Append("0000000000 65535 f\r\n");
        for (int i = 0; i < _offsets.Count; i++)
        {
            if (_offsets[i] < 0)
            {
                throw new InvalidOperationException($"Object {i + 1} was reserved but never written.");
            }
            xref.Append(CultureInfo.InvariantCulture, $"{_offsets[i]:D10} 00000 n\r\n");
        }
        xref.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {_offsets.Count + 1} /Root {root} 0 R {extraTrailerEntries} >>\n");
        xref.Append(CultureInfo.InvariantCulture, $"startxref\n{XrefOffset}\n%%EOF\n");
        WriteText(xref.ToString());
        return _output.ToArray();
    }

    public void Dispose() => _output.Dispose();

    /// <summary>A number as PDF writes it: invariant culture, at most four decimals, no exponent.</summary>
    public static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Bytes as a PDF hexadecimal string, e.g. &lt;0A1B&gt;.</summary>
    public static string HexString(ReadOnlySpan<byte> bytes) => $"<{Convert.ToHexString(bytes)}>";

    private void BeginObject(int number)
    {
        if (number < 1 || number > _offsets.Count || _offsets[number - 1] >= 0)
        {
            throw new InvalidOperationException($"Object {number} is not reserved, or is already written.");
        }
        _offsets[number - 1] = _output.Position;
        WriteText(Invariant($"{number} 0 obj\n"));
    }

    private void WriteText(string text) => _output.Write(Encoding.Latin1.GetBytes(text));
}
