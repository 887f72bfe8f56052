using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace MaoOcr.WebSockets.Tests.Framing;

/// <summary>How a test frame writes its length: minimal, or forced into a longer form to test refusals.</summary>
public enum LengthForm
{
    Minimal,
    Force16Bit,
    Force64Bit,
}

/// <summary>
/// Builds frames byte by byte from the RFC's layout, independently of <c>FrameHeaderWriter</c>, so that the parser
/// and the writer are each checked against the RFC and not only against each other.
/// </summary>
internal static class TestFrames
{
    /// <summary>A fixed key, so that failures are reproducible.</summary>
    public static readonly byte[] DefaultKey = [0x37, 0xFA, 0x21, 0x3D];

    /// <summary>The key in the machine-order <see cref="uint"/> form <c>FrameHeader.MaskKey</c> uses.</summary>
    public static uint KeyValue(byte[] key) => MemoryMarshal.Read<uint>(key);

    /// <summary>A whole frame: header, then the payload (masked with <paramref name="key"/> when given).</summary>
    /// <param name="opcode">Raw 4-bit opcode, reserved ones allowed.</param>
    /// <param name="rsv">RSV bits as 0b_RSV1_RSV2_RSV3.</param>
    /// <param name="declaredLength">The length to declare, when it should differ from the payload's.</param>
    public static byte[] Build(int opcode, ReadOnlySpan<byte> payload, bool fin = true, int rsv = 0, byte[]? key = null,
        LengthForm form = LengthForm.Minimal, ulong? declaredLength = null)
    {
        ulong length = declaredLength ?? (ulong)payload.Length;
        var bytes = new List<byte> { (byte)((fin ? 0x80 : 0) | (rsv << 4) | opcode) };
        byte maskBit = key is null ? (byte)0 : (byte)0x80;
        if (form == LengthForm.Force64Bit || (form == LengthForm.Minimal && length > 0xFFFF))
        {
            bytes.Add((byte)(maskBit | 127));
            var extended = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(extended, length);
            bytes.AddRange(extended);
        }
        else if (form == LengthForm.Force16Bit || (form == LengthForm.Minimal && length > 125))
        {
            bytes.Add((byte)(maskBit | 126));
            bytes.Add((byte)(length >> 8));
            bytes.Add((byte)length);
        }
        else
        {
            bytes.Add((byte)(maskBit | (int)length));
        }
        if (key is not null)
        {
            bytes.AddRange(key);
        }
        for (int i = 0; i < payload.Length; i++)
        {
            bytes.Add(key is null ? payload[i] : (byte)(payload[i] ^ key[i % 4]));
        }
        return [.. bytes];
    }

    /// <summary>The reference masking: one byte at a time, key byte (offset + i) mod 4.</summary>
    public static void NaiveMask(ReadOnlySpan<byte> source, Span<byte> destination, byte[] key, int offset)
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = (byte)(source[i] ^ key[(offset + i) & 3]);
        }
    }

    public static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
}
