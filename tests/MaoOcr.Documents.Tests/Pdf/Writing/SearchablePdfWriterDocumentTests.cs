using System.Text;
using MaoOcr.Documents.Pdf.Writing;
using MaoOcr.Testing;

namespace MaoOcr.Documents.Tests.Pdf.Writing;

/// <summary>The document as a whole: header, pages and their sizes, determinism, and the writer's life cycle.</summary>
public sealed class SearchablePdfWriterDocumentTests
{
    [Fact]
    public void Pages_come_out_in_order_with_the_sizes_asked_for_and_their_own_text()
    {
        using var directory = new TempDirectory();
        RenderedImage english = TestPages.Render(TestPages.English);
        RenderedImage chinese = TestPages.RenderJpeg(TestPages.Chinese);
        PdfPageSize a4 = new(595.276, 841.89);
        PdfPageSize fromPixels = PdfPageSize.FromPixels(chinese.Width, chinese.Height, 300);
        PdfPageSize letterLandscape = new(792, 612);
        string pdf = TestPages.Write(directory, "three.pdf", writer =>
        {
            writer.AddImagePage(TestPages.RawImage(english), a4, TestPages.Lines(english));
            writer.AddImagePage(PdfPageImage.Jpeg(chinese.Bytes), fromPixels, TestPages.Lines(chinese));
            writer.AddTextOnlyPage(letterLandscape, 1100, 850, [PdfTextLine.FromRectangle("third page", 100, 100, 400, 140)]);
            Assert.Equal(3, writer.PageCount);
        });

        PdfTools.AssertQpdfCheckClean(pdf);
        IReadOnlyList<(double Width, double Height)> sizes = PdfTools.PageSizes(pdf);
        Assert.Equal(3, sizes.Count);
        Assert.Equal((a4.WidthPoints, a4.HeightPoints), sizes[0], s_sizeComparer);
        Assert.Equal((fromPixels.WidthPoints, fromPixels.HeightPoints), sizes[1], s_sizeComparer);
        Assert.Equal((letterLandscape.WidthPoints, letterLandscape.HeightPoints), sizes[2], s_sizeComparer);
        Assert.Equal(string.Join('\n', TestPages.English), PdfTools.Text(pdf, raw: true, page: 1).Trim());
        Assert.Equal(string.Join('\n', TestPages.Chinese), PdfTools.Text(pdf, raw: true, page: 2).Trim());
        Assert.Equal("third page", PdfTools.Text(pdf, raw: true, page: 3).Trim());
    }

    [Fact]
    public void The_file_starts_with_a_PDF_header_and_a_binary_comment_and_ends_with_EOF()
    {
        using var directory = new TempDirectory();
        string pdf = TestPages.Write(directory, "one.pdf", w => w.AddTextOnlyPage(new PdfPageSize(100, 100), 100, 100, []));
        byte[] file = File.ReadAllBytes(pdf);

        Assert.True(file.AsSpan().StartsWith("%PDF-1.7\n%"u8));
        Assert.All(file[10..14], b => Assert.True(b >= 128, "the second line's comment should be binary bytes"));
        Assert.True(file.AsSpan().EndsWith("%%EOF\n"u8));
    }

    [Fact]
    public void The_same_input_gives_the_same_bytes_and_other_input_another_id()
    {
        using var directory = new TempDirectory();
        RenderedImage image = TestPages.Render(TestPages.Mixed);
        byte[] Write(string text) => File.ReadAllBytes(TestPages.Write(directory, $"{Guid.NewGuid():N}.pdf", w =>
        {
            w.AddImagePage(TestPages.RawImage(image), PdfPageSize.ForUnknownResolution(image.Width, image.Height), TestPages.Lines(image));
            w.AddTextOnlyPage(new PdfPageSize(200, 200), 200, 200, [PdfTextLine.FromRectangle(text, 10, 10, 190, 30)]);
        }));

        byte[] first = Write("same 𠀀"), second = Write("same 𠀀"), other = Write("other");
        Assert.Equal(first, second);
        Assert.NotEqual(TrailerId(first), TrailerId(other));
    }

    [Fact]
    public void A_page_without_lines_has_no_font_and_no_text()
    {
        using var directory = new TempDirectory();
        RenderedImage image = TestPages.Render(TestPages.English);
        string pdf = TestPages.Write(directory, "empty.pdf", w =>
        {
            w.AddImagePage(TestPages.RawImage(image), PdfPageSize.FromPixels(image.Width, image.Height, 72), []);
            w.AddTextOnlyPage(new PdfPageSize(300, 300), 300, 300, [PdfTextLine.FromRectangle("   ", 1, 1, 100, 20)]);
        });

        PdfTools.AssertQpdfCheckClean(pdf);
        Assert.DoesNotContain("GlyphLessFont", PdfTools.Fonts(pdf), StringComparison.Ordinal);
        Assert.Equal(string.Empty, PdfTools.Text(pdf).Trim('\f', '\n', ' '));
    }

    [Fact]
    public void The_writer_refuses_to_finish_twice_to_finish_with_no_pages_and_to_add_after_finishing()
    {
        using var stream = new MemoryStream();
        using var writer = new SearchablePdfWriter(stream);
        Assert.Throws<InvalidOperationException>(writer.Finish);
        writer.AddTextOnlyPage(new PdfPageSize(100, 100), 100, 100, []);
        writer.Finish();
        Assert.Throws<InvalidOperationException>(writer.Finish);
        Assert.Throws<InvalidOperationException>(() => writer.AddTextOnlyPage(new PdfPageSize(100, 100), 100, 100, []));
        writer.Dispose();
        Assert.Throws<ObjectDisposedException>(writer.Finish);
    }

    [Fact]
    public void A_stream_that_fails_part_way_leaves_the_writer_refusing_more()
    {
        using var stream = new FailingStream(failAfterBytes: 100);
        using var writer = new SearchablePdfWriter(stream);
        Assert.Throws<IOException>(() => writer.AddTextOnlyPage(new PdfPageSize(100, 100), 100, 100, [PdfTextLine.FromRectangle("x", 1, 1, 50, 20)]));
        Assert.Throws<InvalidOperationException>(writer.Finish);
    }

    [Fact]
    public void A_non_seekable_stream_is_enough()
    {
        using var directory = new TempDirectory();
        string path = directory.Combine("piped.pdf");
        using (var file = File.Create(path))
        using (var forwardOnly = new FailingStream(failAfterBytes: long.MaxValue, inner: file))
        using (var writer = new SearchablePdfWriter(forwardOnly))
        {
            writer.AddTextOnlyPage(new PdfPageSize(300, 200), 300, 200, [PdfTextLine.FromRectangle("piped", 10, 10, 100, 30)]);
            writer.Finish();
        }
        PdfTools.AssertQpdfCheckClean(path);
        Assert.Equal("piped", PdfTools.Text(path).Trim());
    }

    private static readonly IEqualityComparer<(double Width, double Height)> s_sizeComparer = new SizeWithin(0.01);

    private static string TrailerId(byte[] file)
    {
        string text = Encoding.Latin1.GetString(file);
        int at = text.LastIndexOf("/ID [<", StringComparison.Ordinal);
        Assert.True(at > 0);
        return text.Substring(at, 40);
    }

    private sealed class SizeWithin(double tolerance) : IEqualityComparer<(double Width, double Height)>
    {
        public bool Equals((double Width, double Height) x, (double Width, double Height) y)
            => Math.Abs(x.Width - y.Width) <= tolerance && Math.Abs(x.Height - y.Height) <= tolerance;

        public int GetHashCode((double Width, double Height) obj) => 0;
    }

    /// <summary>A forward-only stream that throws after a number of bytes (or never), as a full disk or a closed pipe would.</summary>
    private sealed class FailingStream(long failAfterBytes, Stream? inner = null) : Stream
    {
        private long _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _written += buffer.Length;
            if (_written > failAfterBytes)
            {
                throw new IOException("No space left on device (simulated).");
            }
            inner?.Write(buffer);
        }

        public override void Flush() => inner?.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
