using System.Buffers.Binary;

namespace MaoOcr.Documents.Pdf.Writing;

/// <summary>
/// A JPEG's size and colour components as its start-of-frame (SOF) segment states them, read without decoding the
/// image, so that a JPEG can go into a PDF as it is.
/// </summary>
/// <param name="Width">Samples per line, 1–65535.</param>
/// <param name="Height">Lines, 1–65535.</param>
/// <param name="Components">Colour components: 1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK.</param>
/// <param name="Progressive">True for a progressive (SOF2) frame, false for baseline or extended sequential.</param>
public readonly record struct JpegFrameInfo(int Width, int Height, int Components, bool Progressive)
{
    // Marker codes from ITU-T T.81, Table B.1.
    private const byte MarkerPrefix = 0xFF;
    private const byte StartOfImage = 0xD8;
    private const byte EndOfImage = 0xD9;
    private const byte StartOfScan = 0xDA;
    private const byte BaselineFrame = 0xC0; // SOF0
    private const byte ExtendedSequentialFrame = 0xC1; // SOF1
    private const byte ProgressiveFrame = 0xC2; // SOF2
    private const byte Temporary = 0x01; // TEM: no length
    private const byte FirstRestart = 0xD0; // RST0..RST7: no length
    private const byte LastRestart = 0xD7;

    /// <summary>
    /// Frames of any other SOF marker: lossless, hierarchical and arithmetic-coded JPEG, which PDF readers' DCT decoders
    /// (ISO 32000-1, 7.4.8: "baseline or progressive") need not support. C4 (DHT), C8 (JPG) and CC (DAC) are not frames.
    /// </summary>
    private static bool IsUnsupportedFrame(byte marker) => marker is >= 0xC3 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;

    /// <summary>8 bits per sample: the only precision of baseline JPEG and of DCTDecode as readers implement it.</summary>
    private const int SupportedPrecision = 8;

    // SOF segment after the marker: length (2), precision (1), lines (2), samples per line (2), components (1),
    // then 3 bytes per component (T.81, B.2.2).
    private const int FrameHeaderLength = 8;
    private const int BytesPerComponent = 3;

    /// <summary>
    /// Reads the frame header of the JPEG in <paramref name="jpeg"/>: after SOI, marker segments are skipped by their
    /// lengths until SOF0, SOF1 or SOF2. Never throws.
    /// </summary>
    /// <returns>
    /// False when the data is not a JPEG, is truncated or malformed before the frame header, has no frame header before
    /// the first scan, uses another kind of frame (lossless, arithmetic, hierarchical), has a precision other than 8 bits,
    /// a zero width, a height left to a DNL segment (0), or a component count other than 1, 3 or 4.
    /// </returns>
    public static bool TryParse(ReadOnlySpan<byte> jpeg, out JpegFrameInfo info)
    {
        info = default;
        if (jpeg.Length < 2 || jpeg[0] != MarkerPrefix || jpeg[1] != StartOfImage)
        {
            return false;
        }
        int position = 2;
        while (true)
        {
            // A marker is 0xFF, any number of 0xFF fill bytes (T.81, B.1.1.2), then the code.
            if ((uint)position >= (uint)jpeg.Length || jpeg[position] != MarkerPrefix)
            {
                return false;
            }
            while ((uint)position < (uint)jpeg.Length && jpeg[position] == MarkerPrefix)
            {
                position++;
            }
            if ((uint)position >= (uint)jpeg.Length)
            {
                return false;
            }
            byte marker = jpeg[position++];
            if (marker is Temporary or (>= FirstRestart and <= LastRestart))
            {
                continue;
            }
            if (marker is StartOfImage or EndOfImage or StartOfScan or 0x00 || IsUnsupportedFrame(marker))
            {
                return false;
            }
            if (jpeg.Length - position < 2)
            {
                return false;
            }
            int length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[position..]);
            if (length < 2 || length > jpeg.Length - position)
            {
                return false;
            }
            if (marker is BaselineFrame or ExtendedSequentialFrame or ProgressiveFrame)
            {
                return TryReadFrame(jpeg.Slice(position, length), marker == ProgressiveFrame, out info);
            }
            position += length;
        }
    }

    private static bool TryReadFrame(ReadOnlySpan<byte> segment, bool progressive, out JpegFrameInfo info)
    {
        info = default;
        if (segment.Length < FrameHeaderLength)
        {
            return false;
        }
        int precision = segment[2];
        int height = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
        int width = BinaryPrimitives.ReadUInt16BigEndian(segment[5..]);
        int components = segment[7];
        if (precision != SupportedPrecision || width == 0 || height == 0 || components is not (1 or 3 or 4)
            || segment.Length < FrameHeaderLength + (components * BytesPerComponent))
        {
            return false;
        }
        info = new JpegFrameInfo(width, height, components, progressive);
        return true;
    }
}
