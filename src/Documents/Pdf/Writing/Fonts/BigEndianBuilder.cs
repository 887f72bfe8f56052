using System.Buffers;
using System.Buffers.Binary;

namespace MaoOcr.Documents.Pdf.Writing.Fonts;

/// <summary>Appends big-endian integers (the byte order of every sfnt table) to a growing buffer.</summary>
internal sealed class BigEndianBuilder
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    public int Length => _buffer.WrittenCount;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    public void UInt8(byte value) => _buffer.Write([value]);

    public void UInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.GetSpan(sizeof(ushort)), value);
        _buffer.Advance(sizeof(ushort));
    }

    public void Int16(short value) => UInt16(unchecked((ushort)value));

    public void UInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.GetSpan(sizeof(uint)), value);
        _buffer.Advance(sizeof(uint));
    }

    /// <summary>The 16.16 fixed-point "Fixed" type and version numbers such as 0x00010000.</summary>
    public void Fixed(uint value) => UInt32(value);

    /// <summary>LONGDATETIME: seconds since 1904-01-01. Always written as 0 so that the font bytes never change.</summary>
    public void ZeroDateTime()
    {
        UInt32(0);
        UInt32(0);
    }

    public void Bytes(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);

    public void Zeros(int count) => _buffer.Write(new byte[count]);

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();
}
