using System.Buffers.Binary;

namespace MaoOcr.Inference.Tests.Support;

/// <summary>
/// Writes a single-frame GIF89a with a four-colour global palette. The LZW data is "uncompressed": a clear
/// code after every two literals keeps the code width at three bits, which every decoder accepts
/// (GIF89a appendix F: the width grows only once the table reaches 2^width entries).
/// </summary>
internal static class GifBuilder
{
    private const int MinCodeSize = 2;
    private const int ClearCode = 1 << MinCodeSize;
    private const int EndCode = ClearCode + 1;
    private const int CodeWidth = MinCodeSize + 1;

    /// <param name="palette">Exactly four colours as RGB bytes (12 bytes).</param>
    /// <param name="indexes">Palette index of each pixel, top-down, <paramref name="width"/> per row.</param>
    /// <param name="transparentIndex">A palette index shown as transparent, or -1.</param>
    public static byte[] Build(int width, int height, ReadOnlySpan<byte> palette, ReadOnlySpan<byte> indexes, int transparentIndex = -1)
    {
        using var output = new MemoryStream();
        output.Write("GIF89a"u8);
        Span<byte> screen = stackalloc byte[7];
        BinaryPrimitives.WriteUInt16LittleEndian(screen, (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(screen[2..], (ushort)height);
        screen[4] = 0b1000_0001; // global colour table of 2^(1+1) = 4 entries
        screen[5] = 0; // background colour index
        screen[6] = 0; // no aspect ratio
        output.Write(screen);
        output.Write(palette[..12]);

        if (transparentIndex >= 0)
        {
            // Graphic control extension: transparency flag and index.
            output.Write([0x21, 0xF9, 4, 0b0000_0001, 0, 0, (byte)transparentIndex, 0]);
        }

        Span<byte> descriptor = stackalloc byte[10];
        descriptor[0] = 0x2C;
        BinaryPrimitives.WriteUInt16LittleEndian(descriptor[5..], (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(descriptor[7..], (ushort)height);
        descriptor[9] = 0; // no local table, not interlaced
        output.Write(descriptor);

        output.WriteByte(MinCodeSize);
        byte[] lzw = Lzw(indexes);
        for (int offset = 0; offset < lzw.Length; offset += 255)
        {
            int n = Math.Min(255, lzw.Length - offset);
            output.WriteByte((byte)n);
            output.Write(lzw, offset, n);
        }
        output.WriteByte(0); // block terminator
        output.WriteByte(0x3B); // trailer
        return output.ToArray();
    }

    private static byte[] Lzw(ReadOnlySpan<byte> indexes)
    {
        var codes = new List<int> { ClearCode };
        for (int i = 0; i < indexes.Length; i++)
        {
            if (i > 0 && i % 2 == 0)
            {
                codes.Add(ClearCode);
            }
            codes.Add(indexes[i]);
        }
        codes.Add(EndCode);

        // Codes are packed least significant bit first.
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (int code in codes)
        {
            buffer |= code << bits;
            bits += CodeWidth;
            while (bits >= 8)
            {
                bytes.Add((byte)buffer);
                buffer >>= 8;
                bits -= 8;
            }
        }
        if (bits > 0)
        {
            bytes.Add((byte)buffer);
        }
        return bytes.ToArray();
    }
}
