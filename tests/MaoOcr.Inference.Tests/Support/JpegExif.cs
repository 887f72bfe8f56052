using System.Buffers.Binary;

namespace MaoOcr.Inference.Tests.Support;

/// <summary>
/// Adds an EXIF APP1 segment with an Orientation tag (0x0112) to a JPEG, as a phone camera writes it: after
/// the JFIF APP0 segment when there is one, else right after SOI.
/// </summary>
internal static class JpegExif
{
    private const ushort OrientationTag = 0x0112;
    private const ushort TypeShort = 3;

    public static byte[] WithOrientation(ReadOnlySpan<byte> jpeg, ushort orientation)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            throw new ArgumentException("Not a JPEG: no SOI marker.", nameof(jpeg));
        }
        // TIFF header (big-endian "MM", magic 42, IFD at offset 8), one IFD entry, no next IFD.
        byte[] tiff = new byte[8 + 2 + 12 + 4];
        Span<byte> t = tiff;
        t[0] = (byte)'M';
        t[1] = (byte)'M';
        BinaryPrimitives.WriteUInt16BigEndian(t[2..], 42);
        BinaryPrimitives.WriteUInt32BigEndian(t[4..], 8);
        BinaryPrimitives.WriteUInt16BigEndian(t[8..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(t[10..], OrientationTag);
        BinaryPrimitives.WriteUInt16BigEndian(t[12..], TypeShort);
        BinaryPrimitives.WriteUInt32BigEndian(t[14..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(t[18..], orientation); // a SHORT sits left-justified in the 4-byte value field
        BinaryPrimitives.WriteUInt32BigEndian(t[22..], 0);

        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        byte[] segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        // The length counts itself but not the marker.
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(2 + payload.Length));
        payload.CopyTo(segment, 4);

        int insertAt = 2;
        if (jpeg[2] == 0xFF && jpeg[3] == 0xE0)
        {
            insertAt = 4 + BinaryPrimitives.ReadUInt16BigEndian(jpeg[4..]);
        }
        return [.. jpeg[..insertAt], .. segment, .. jpeg[insertAt..]];
    }
}
