using System.Buffers.Binary;

namespace MaoOcr.Testing.Documents;

/// <summary>
/// Writes a zlib stream (RFC 1950) of any number of zero bytes at deflate's best ratio, about 1032 : 1, in the time
/// it takes to allocate the output. zlib itself reaches the same ratio but must run the whole input through its
/// matcher (about a minute for 4 GiB at level 9); here the one dynamic-Huffman block (RFC 1951 §3.2.7) is
/// written by hand: a literal 0, then "copy 258 bytes from distance 1" over and over, each copy two bits.
/// </summary>
internal static class ZeroRunDeflater
{
    private const int LongestMatch = 258;

    // CMF 0x78: deflate, 32 KiB window. FLG 0xDA: maximum compression, and (CMF × 256 + FLG) is a multiple of 31.
    private static ReadOnlySpan<byte> ZlibHeader => [0x78, 0xDA];

    /// <summary>The zlib encoding of <paramref name="count"/> zero bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1 or more than 1 TiB.</exception>
    public static byte[] Zeros(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 1L << 40);
        long matches = (count - 1) / LongestMatch;
        int literals = (int)((count - 1) % LongestMatch);

        var header = new BitWriter(new byte[64]);
        WriteBlockHeader(ref header);
        long bits = header.Position + 2 + (2 * matches) + (2 * literals) + 2;
        byte[] output = new byte[ZlibHeader.Length + ((bits + 7) / 8) + 4];
        ZlibHeader.CopyTo(output);

        var writer = new BitWriter(output, ZlibHeader.Length * 8);
        WriteBlockHeader(ref writer);
        writer.WriteCode(0b10, 2);          // literal 0
        writer.Skip(2 * matches);           // length 258 is code "0", distance 1 is code "0": the bits are already zero
        for (int i = 0; i < literals; i++)
        {
            writer.WriteCode(0b10, 2);      // the last (count − 1) mod 258 zeros, as literals
        }
        writer.WriteCode(0b11, 2);          // end of block

        // Adler-32 of n zeros: s1 stays 1 and s2 gains 1 per byte.
        uint adler = (uint)((count % 65521) << 16) | 1;
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(output.Length - 4), adler);
        return output;
    }

    // Final block, dynamic Huffman. Literal/length code lengths: 0 → 2, 256 → 2, 285 (length 258) → 1, so
    // canonically 285 = "0", 0 = "10", 256 = "11"; one distance code, 0 (distance 1), of one bit = "0"
    // (RFC 1951 allows a lone one-bit distance code). The 287 code lengths are sent with a code-length code of
    // 18 (run of zeros) = "0", 1 = "10", 2 = "11".
    private static void WriteBlockHeader(ref BitWriter writer)
    {
        writer.WriteBits(1, 1);             // BFINAL
        writer.WriteBits(2, 2);             // BTYPE = dynamic Huffman
        writer.WriteBits(286 - 257, 5);     // HLIT: literal/length codes up to 285
        writer.WriteBits(1 - 1, 5);         // HDIST: one distance code
        writer.WriteBits(18 - 4, 4);        // HCLEN: 18 code-length code lengths, enough to reach symbol 1

        // Code-length code lengths, in the order 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1.
        ReadOnlySpan<int> codeLengthLengths = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2];
        foreach (int length in codeLengthLengths)
        {
            writer.WriteBits(length, 3);
        }

        writer.WriteCode(0b11, 2);          // symbol 0: length 2
        ZeroRun(ref writer, 138);           // symbols 1–138: unused
        ZeroRun(ref writer, 117);           // symbols 139–255: unused
        writer.WriteCode(0b11, 2);          // symbol 256: length 2
        ZeroRun(ref writer, 28);            // symbols 257–284: unused
        writer.WriteCode(0b10, 2);          // symbol 285: length 1
        writer.WriteCode(0b10, 2);          // distance code 0: length 1
    }

    // Code-length symbol 18 repeats a zero length 11–138 times, the count − 11 in 7 extra bits.
    private static void ZeroRun(ref BitWriter writer, int count)
    {
        writer.WriteCode(0b0, 1);
        writer.WriteBits(count - 11, 7);
    }

    /// <summary>Deflate's bit order: fields are packed from the least significant bit, Huffman codes from their most significant bit.</summary>
    private ref struct BitWriter(byte[] output, long position = 0)
    {
        public long Position { get; private set; } = position;

        public void WriteBits(int value, int count)
        {
            for (int i = 0; i < count; i++)
            {
                SetNext(((value >> i) & 1) != 0);
            }
        }

        public void WriteCode(int code, int length)
        {
            for (int i = length - 1; i >= 0; i--)
            {
                SetNext(((code >> i) & 1) != 0);
            }
        }

        public void Skip(long bits) => Position += bits;

        private void SetNext(bool bit)
        {
            if (bit)
            {
                output[Position >> 3] |= (byte)(1 << (int)(Position & 7));
            }
            Position++;
        }
    }
}
