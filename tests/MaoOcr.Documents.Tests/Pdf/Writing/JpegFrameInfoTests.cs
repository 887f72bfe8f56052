using MaoOcr.Documents.Pdf.Writing;
using MaoOcr.Testing;

namespace MaoOcr.Documents.Tests.Pdf.Writing;

/// <summary>Reading a JPEG's frame header without decoding it: real files, hand-made segments, and every truncation.</summary>
public sealed class JpegFrameInfoTests
{
    [Fact]
    public void Reads_the_size_and_components_of_a_real_jpeg()
    {
        RenderedImage jpeg = TestPages.RenderJpeg(TestPages.English);
        Assert.True(JpegFrameInfo.TryParse(jpeg.Bytes, out JpegFrameInfo frame));
        Assert.Equal(new JpegFrameInfo(jpeg.Width, jpeg.Height, 3, Progressive: false), frame);
    }

    [Fact]
    public void Every_truncation_of_a_real_jpeg_before_its_frame_header_ends_is_refused_without_throwing()
    {
        byte[] jpeg = TestPages.RenderJpeg(TestPages.English).Bytes;
        int sof = jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xC0]);
        Assert.True(sof > 0);
        int frameEnd = sof + 2 + ((jpeg[sof + 2] << 8) | jpeg[sof + 3]);
        for (int length = 0; length < frameEnd; length++)
        {
            Assert.False(JpegFrameInfo.TryParse(jpeg.AsSpan(0, length), out _), $"a prefix of {length} bytes");
        }
        Assert.True(JpegFrameInfo.TryParse(jpeg.AsSpan(0, frameEnd), out _));
    }

    [Theory]
    [InlineData(0xC0, false)]
    [InlineData(0xC1, false)]
    [InlineData(0xC2, true)]
    public void Baseline_extended_and_progressive_frames_are_read(byte marker, bool progressive)
    {
        Assert.True(JpegFrameInfo.TryParse(Jpeg(App0(), Frame(marker, 8, 480, 640, 3)), out JpegFrameInfo frame));
        Assert.Equal(new JpegFrameInfo(640, 480, 3, progressive), frame);
    }

    [Theory]
    [InlineData(0xC3)] // lossless
    [InlineData(0xC5)] // differential (hierarchical)
    [InlineData(0xC9)] // arithmetic
    [InlineData(0xCF)]
    public void Other_kinds_of_frame_are_refused(byte marker)
        => Assert.False(JpegFrameInfo.TryParse(Jpeg(Frame(marker, 8, 10, 10, 3)), out _));

    [Fact]
    public void Markers_before_the_frame_are_skipped_by_their_lengths_with_fill_bytes_and_markers_without_length()
    {
        byte[] comment = [0xFF, 0xFE, 0x00, 0x06, 0xFF, 0xC0, 0xFF, 0xD9]; // a comment holding bytes that look like markers
        byte[] quantisation = [0xFF, 0xDB, 0x00, 0x43, .. new byte[0x41]];
        byte[] huffman = [0xFF, 0xC4, 0x00, 0x04, 0x00, 0x00];
        byte[] fill = [0xFF, 0xFF, 0xFF];
        byte[] restart = [0xFF, 0xD3];
        Assert.True(JpegFrameInfo.TryParse(Jpeg(App0(), comment, quantisation, huffman, fill, restart, Frame(0xC0, 8, 2, 3, 1)), out JpegFrameInfo frame));
        Assert.Equal(new JpegFrameInfo(3, 2, 1, false), frame);
    }

    public static TheoryData<byte[]> Malformed => new()
    {
        Array.Empty<byte>(),
        new byte[] { 0xFF },
        new byte[] { 0x89, 0x50, 0x4E, 0x47 }, // PNG
        Jpeg(),
        Jpeg(Frame(0xC0, 12, 10, 10, 3)), // 12-bit precision
        Jpeg(Frame(0xC0, 8, 0, 10, 3)), // height left to a DNL segment
        Jpeg(Frame(0xC0, 8, 10, 0, 3)), // zero width
        Jpeg(Frame(0xC0, 8, 10, 10, 2)), // two components
        Jpeg(Frame(0xC0, 8, 10, 10, 3)[..^3]), // a component missing from the segment
        Jpeg([0xFF, 0xDA, 0x00, 0x02], Frame(0xC0, 8, 10, 10, 3)), // scan before frame
        Jpeg([0xFF, 0xD9]), // end of image before frame
        Jpeg([0xFF, 0xE1, 0x00, 0x01]), // length below 2
        Jpeg([0xFF, 0xE1, 0x40, 0x00, 0x00]), // length beyond the data
        Jpeg([0x00, 0xFF, 0xC0]), // not a marker where one must be
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_data_is_refused(byte[] data)
    {
        Assert.False(JpegFrameInfo.TryParse(data, out JpegFrameInfo frame));
        Assert.Equal(default, frame);
    }

    [Fact]
    public void PdfPageImage_refuses_a_jpeg_whose_header_disagrees_with_the_size_given_or_that_is_cmyk()
    {
        RenderedImage jpeg = TestPages.RenderJpeg(TestPages.English);
        Assert.Throws<ArgumentException>(() => PdfPageImage.Jpeg(jpeg.Bytes, jpeg.Width + 1, jpeg.Height, 3));
        Assert.Throws<ArgumentException>(() => PdfPageImage.Jpeg(jpeg.Bytes, jpeg.Width, jpeg.Height, 1));
        Assert.Throws<ArgumentException>(() => PdfPageImage.Jpeg(new byte[] { 1, 2, 3 }));
        Assert.Throws<ArgumentException>(() => PdfPageImage.Jpeg(Jpeg(Frame(0xC0, 8, 10, 10, 4))));
        PdfPageImage image = PdfPageImage.Jpeg(jpeg.Bytes);
        Assert.Equal((PdfImageEncoding.Jpeg, jpeg.Width, jpeg.Height, 3), (image.Encoding, image.Width, image.Height, image.Components));
    }

    [Fact]
    public void PdfPageImage_raw_needs_exactly_width_times_height_times_components_bytes()
    {
        Assert.Throws<ArgumentException>(() => PdfPageImage.Raw(new byte[11], 2, 2, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => PdfPageImage.Raw(new byte[16], 2, 2, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => PdfPageImage.Raw(Array.Empty<byte>(), 0, 2, 1));
        Assert.Equal(PdfImageEncoding.Flate, PdfPageImage.Raw(new byte[12], 2, 2, 3).Encoding);
    }

    private static byte[] Jpeg(params byte[][] segments) => [0xFF, 0xD8, .. segments.SelectMany(s => s)];

    private static byte[] App0() => [0xFF, 0xE0, 0x00, 0x10, .. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0];

    private static byte[] Frame(byte marker, byte precision, int height, int width, int components)
    {
        int length = 8 + (3 * components);
        byte[] frame = [0xFF, marker, (byte)(length >> 8), (byte)length, precision, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, (byte)components];
        for (int c = 0; c < components; c++)
        {
            frame = [.. frame, (byte)(c + 1), 0x11, 0];
        }
        return frame;
    }
}
