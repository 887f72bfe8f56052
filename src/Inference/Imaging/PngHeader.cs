using System.Buffers.Binary;

namespace MaoOcr.Inference.Imaging;

/// <summary>
/// Says why a PNG's header was refused. Skia reports every libpng error while it reads the header as
/// <c>IncompleteInput</c>, so a header that is all there but wrong (a checksum that does not match, a width of 0) would
/// be called truncated. This reads the chunks up to the pixel data itself (PNG spec §5.3, §11.2.2) to tell them apart.
/// </summary>
internal static class PngHeader
{
    private const int SignatureLength = 8;

    /// <summary>A chunk's length (4) and type (4) before its data.</summary>
    private const int ChunkHeadLength = 8;

    private const int CrcLength = 4;
    private const int IhdrDataLength = 13;

    /// <summary>The signature and the whole IHDR chunk: the least a PNG is before anything about it is known.</summary>
    private const int HeaderLength = SignatureLength + ChunkHeadLength + IhdrDataLength + CrcLength;

    /// <summary>Width and height are 1 to 2^31 − 1 (§11.2.2).</summary>
    private const uint MaxDimension = int.MaxValue;

    /// <summary>The CRC-32 of PNG and zlib (ISO-HDLC): reflected polynomial 0xEDB88320.</summary>
    private const uint CrcPolynomial = 0xEDB88320;

    /// <summary>The message for a PNG whose header the codec refused.</summary>
    /// <param name="png">The whole file, which starts with the PNG signature.</param>
    public static string ExplainRefusal(ReadOnlySpan<byte> png)
    {
        if (png.Length < HeaderLength)
        {
            return $"The PNG image is truncated: its header is incomplete ({png.Length} bytes).";
        }
        ReadOnlySpan<byte> ihdr = png.Slice(SignatureLength, ChunkHeadLength + IhdrDataLength + CrcLength);
        if (BinaryPrimitives.ReadUInt32BigEndian(ihdr) != IhdrDataLength || !ihdr.Slice(4, 4).SequenceEqual("IHDR"u8))
        {
            return "The PNG image's header is corrupt: its first chunk is not a 13-byte IHDR.";
        }
        ReadOnlySpan<byte> typeAndData = ihdr.Slice(4, 4 + IhdrDataLength);
        if (BinaryPrimitives.ReadUInt32BigEndian(ihdr[^CrcLength..]) != Crc32(typeAndData))
        {
            return "The PNG image's header is corrupt: its IHDR chunk fails its checksum.";
        }
        uint width = BinaryPrimitives.ReadUInt32BigEndian(ihdr[ChunkHeadLength..]);
        uint height = BinaryPrimitives.ReadUInt32BigEndian(ihdr[(ChunkHeadLength + 4)..]);
        if (width is 0 or > MaxDimension || height is 0 or > MaxDimension)
        {
            return $"The PNG header gives an invalid size {width}×{height}.";
        }
        return EndsBeforePixelData(png[HeaderLength..])
            ? "The PNG image is truncated: it ends before its pixel data."
            : "The PNG image's header is corrupt: its IHDR fields or a chunk before the pixel data are not valid.";
    }

    /// <summary>Whether the chunks after IHDR run past the end of the data before an IDAT chunk begins.</summary>
    private static bool EndsBeforePixelData(ReadOnlySpan<byte> chunks)
    {
        while (chunks.Length >= ChunkHeadLength)
        {
            if (chunks.Slice(4, 4).SequenceEqual("IDAT"u8))
            {
                return false;
            }
            long next = (long)ChunkHeadLength + BinaryPrimitives.ReadUInt32BigEndian(chunks) + CrcLength;
            if (next > chunks.Length)
            {
                return true;
            }
            chunks = chunks[(int)next..];
        }
        return true;
    }

    /// <summary>Bit by bit: it runs once, over IHDR's 17 bytes, on a refusal.</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = uint.MaxValue;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ CrcPolynomial : crc >> 1;
            }
        }
        return ~crc;
    }
}
