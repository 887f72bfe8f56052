using System.Buffers;
using System.Diagnostics;
using System.Globalization;

namespace MaoOcr.Documents.Pdf.Writing;

/// <summary>
/// Builds PDF syntax (dictionaries, content streams) as bytes. Numbers are written the way PDF wants them: invariant
/// culture, no exponent, at most <see cref="Decimals"/> decimals, never "-0".
/// </summary>
internal sealed class PdfBuffer
{
    /// <summary>
    /// Decimals kept in real numbers: 1/10 000 of a point (about 35 nm) for coordinates, and an angle error below
    /// 0.01° in a text matrix; pdf.js and Tesseract's renderer round more coarsely still.
    /// </summary>
    private const int Decimals = 4;

    /// <summary>Room for any number written here: the writer's values stay far below 10^9, plus sign, point and decimals.</summary>
    private const int MaximumNumberLength = 32;

    private const string HexDigits = "0123456789ABCDEF";

    private readonly ArrayBufferWriter<byte> _bytes;

    public PdfBuffer(int initialCapacity = 256)
    {
        _bytes = new ArrayBufferWriter<byte>(initialCapacity);
    }

    public ReadOnlySpan<byte> WrittenSpan => _bytes.WrittenSpan;

    public ReadOnlyMemory<byte> WrittenMemory => _bytes.WrittenMemory;

    public int Length => _bytes.WrittenCount;

    public void Clear() => _bytes.ResetWrittenCount();

    /// <summary>Literal PDF syntax, usually a u8 string.</summary>
    public PdfBuffer Raw(ReadOnlySpan<byte> syntax)
    {
        _bytes.Write(syntax);
        return this;
    }

    /// <summary>ASCII text made at run time (names, keywords); every character must be ASCII.</summary>
    public PdfBuffer Ascii(string text)
    {
        Span<byte> span = _bytes.GetSpan(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            Debug.Assert(text[i] < 0x80, "only ASCII goes into PDF syntax here");
            span[i] = (byte)text[i];
        }
        _bytes.Advance(text.Length);
        return this;
    }

    public PdfBuffer Integer(long value)
    {
        Span<byte> span = _bytes.GetSpan(MaximumNumberLength);
        bool formatted = value.TryFormat(span, out int written, default, CultureInfo.InvariantCulture);
        Debug.Assert(formatted, "a long always fits");
        _bytes.Advance(written);
        return this;
    }

    /// <summary>A non-negative integer padded with zeros to <paramref name="digits"/> digits, as cross-reference entries need.</summary>
    public PdfBuffer ZeroPadded(long value, int digits)
    {
        Debug.Assert(value >= 0 && value.ToString(CultureInfo.InvariantCulture).Length <= digits, "the value fits the digits");
        Span<byte> span = _bytes.GetSpan(digits);
        for (int i = digits - 1; i >= 0; i--)
        {
            span[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
        _bytes.Advance(digits);
        return this;
    }

    /// <summary>A real number; the value must be finite (callers validate their input).</summary>
    public PdfBuffer Number(double value)
    {
        Debug.Assert(double.IsFinite(value) && Math.Abs(value) < 1e9, "numbers are validated and bounded before they get here");
        double rounded = Math.Round(value, Decimals, MidpointRounding.AwayFromZero);
        if (rounded == 0)
        {
            rounded = 0; // turns -0 into 0
        }
        Span<byte> span = _bytes.GetSpan(MaximumNumberLength);
        bool formatted = rounded.TryFormat(span, out int written, "0.####", CultureInfo.InvariantCulture);
        Debug.Assert(formatted, "a bounded number fits");
        _bytes.Advance(written);
        return this;
    }

    /// <summary>One 2-byte code as four hex digits (inside a hex string &lt;...&gt;).</summary>
    public PdfBuffer Hex4(int code)
    {
        Debug.Assert((uint)code <= ushort.MaxValue, "a 2-byte code");
        Span<byte> span = _bytes.GetSpan(4);
        span[0] = (byte)HexDigits[(code >> 12) & 0xF];
        span[1] = (byte)HexDigits[(code >> 8) & 0xF];
        span[2] = (byte)HexDigits[(code >> 4) & 0xF];
        span[3] = (byte)HexDigits[code & 0xF];
        _bytes.Advance(4);
        return this;
    }

    /// <summary>Bytes as hex digits, for a hex string such as the trailer's /ID.</summary>
    public PdfBuffer Hex(ReadOnlySpan<byte> bytes)
    {
        Span<byte> span = _bytes.GetSpan(bytes.Length * 2);
        for (int i = 0; i < bytes.Length; i++)
        {
            span[2 * i] = (byte)HexDigits[bytes[i] >> 4];
            span[(2 * i) + 1] = (byte)HexDigits[bytes[i] & 0xF];
        }
        _bytes.Advance(bytes.Length * 2);
        return this;
    }

    /// <summary>An indirect reference "n 0 R".</summary>
    public PdfBuffer Reference(int objectNumber) => Integer(objectNumber).Raw(" 0 R"u8);
}
