using System.Text;
using MaoOcr.Documents.Pdf;
using MaoOcr.Documents.Pdf.Reading;
using MaoOcr.Testing;
using MaoOcr.Testing.Documents;
using SkiaSharp;

namespace MaoOcr.Documents.Tests.Pdf.Reading;

/// <summary>
/// The poppler front end on generated PDFs with known pages and on hostile ones: what it reads, how it renders, and that
/// every hostile file ends in a <see cref="PdfException"/> that names the problem, or, where poppler repairs the file,
/// in a document that reads, never in a hang.
/// </summary>
[Collection(PdfTempFolders.Name)]
public sealed class PdfDocumentReaderTests
{
    /// <summary>Small limits, so the bomb and the huge image are stopped within seconds.</summary>
    private static readonly PdfLimits s_small = new() { SecondsPerPage = 3, ToolMemoryMegabytes = 384, MaxPages = 100 };

    private static readonly PdfDocumentReader s_reader = new(s_small);

    [Fact]
    public void The_tools_are_installed()
        => Assert.True(s_reader.Tools.CanRead && s_reader.Tools.Qpdf is not null, "pdfinfo, pdftotext and pdftoppm are needed (apt-get install poppler-utils), and qpdf (apt-get install qpdf).");

    [Fact]
    public void A_text_layer_gives_its_lines_in_order_boxed_within_a_few_points_of_the_ink()
    {
        string[] written = ["Invoice 2024-117 total 1,250.00", "Delivery note 42 signed", "Thank you"];
        GeneratedPdf pdf = TestPdfs.TextLayerPdf(written, new TextBlockStyle { FontSize = 40 });

        using PdfDocument document = s_reader.Open(pdf.Bytes, CancellationToken.None);
        TextLayerPage page = Assert.Single(document.ReadTextLayers(CancellationToken.None));

        Assert.False(document.Info.Encrypted);
        Assert.Equal(1, page.Number);
        Assert.Equal(written, page.Lines.Select(l => l.Text));
        for (int i = 0; i < written.Length; i++)
        {
            // pdftotext boxes a word by its font's ascent and descent, the truth is the ink: the ink lies inside the
            // text layer's box, and they agree to a few points on every side.
            PixelRect ink = pdf.Pages[0].Lines[i].PointBox.Bounds;
            PixelRect box = Box(page.Lines[i]);
            Assert.True(ink.IsInside(box, tolerance: 1), $"line {i}: ink {ink} is not inside the text layer's box {box}");
            Assert.True(Math.Abs(ink.Left - box.Left) < 3 && Math.Abs(ink.Right - box.Right) < 3
                && Math.Abs(ink.Top - box.Top) < 4 && Math.Abs(ink.Bottom - box.Bottom) < 4, $"line {i}: ink {ink}, text layer {box}");
        }
    }

    [Fact]
    public void A_Chinese_text_layer_gives_its_lines_in_order_around_the_ink()
    {
        string[] written = ["配送地址已更新为北京市海淀区", "Invoice 发票 2024-117", "第 1 页 Page 1"];
        GeneratedPdf pdf = TestPdfs.TextLayerPdf(written, new TextBlockStyle { Font = TestFonts.NotoSansCjkSc, FontSize = 40 });

        using PdfDocument document = s_reader.Open(pdf.Bytes, CancellationToken.None);
        TextLayerPage page = Assert.Single(document.ReadTextLayers(CancellationToken.None));

        // Skia names some ideographs by the radical of the same glyph (see CjkRadicals).
        Assert.Equal(written, page.Lines.Select(l => CjkRadicals.ToIdeographs(l.Text, TestFonts.NotoSansCjkSc)));
        for (int i = 0; i < written.Length; i++)
        {
            // Horizontally as tight as for Latin text; vertically poppler uses the CJK font's tall bounding box, so
            // the box holds the ink with room above and below.
            PixelRect ink = pdf.Pages[0].Lines[i].PointBox.Bounds;
            PixelRect box = Box(page.Lines[i]);
            Assert.True(ink.IsInside(box, tolerance: 1), $"line {i}: ink {ink} is not inside the text layer's box {box}");
            Assert.True(Math.Abs(ink.Left - box.Left) < 3 && Math.Abs(ink.Right - box.Right) < 3, $"line {i}: ink {ink}, text layer {box}");
            Assert.True(box.Height < 3 * 40 * 72 / 200f, $"line {i}: the box {box} is over three ems high");
        }
    }

    [Fact]
    public void A_scan_has_no_text_layer_and_renders_at_the_size_of_its_images()
    {
        RenderedImage first = TextImageRenderer.RenderLines(["Scanned page one"]);
        RenderedImage second = TextImageRenderer.RenderLines(["Second scanned page", "with two lines"]);
        GeneratedPdf pdf = TestPdfs.ScannedPdf([first, second], dpi: 150);

        using PdfDocument document = s_reader.Open(pdf.Bytes, CancellationToken.None);

        Assert.Equal(2, document.Info.PageCount);
        Assert.Equal([1, 2], document.Info.Pages.Select(p => p.Number));
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(pdf.Pages[i].WidthPoints, document.Info.Pages[i].WidthPoints, 0.01);
            Assert.Equal(pdf.Pages[i].HeightPoints, document.Info.Pages[i].HeightPoints, 0.01);
            Assert.Equal(0, document.Info.Pages[i].Rotate);
        }
        Assert.All(document.ReadTextLayers(CancellationToken.None), p => Assert.Equal(0, p.VisibleCharacters));

        // Rendered at the scan's resolution, a page is its image again; at twice that, twice as wide.
        Ppm page2 = Ppm.Parse(document.RenderPage(2, 150, CancellationToken.None));
        AssertSize(second.Width, second.Height, page2);
        Ppm page1 = Ppm.Parse(document.RenderPage(1, 300, CancellationToken.None));
        AssertSize(first.Width * 2, first.Height * 2, page1);
        Assert.True(page2.DarkFraction() > 0.005, "the rendered page should show the text");
    }

    [Fact]
    public void A_page_turned_by_Rotate_90_is_sized_and_rendered_as_it_is_shown()
    {
        RenderedImage upright = TextImageRenderer.RenderLines(["Portrait page", "fed sideways"], new TextBlockStyle { FontSize = 40, Height = 700 });
        Assert.True(upright.Height > upright.Width, "the test needs a portrait page");
        GeneratedPdf pdf = TestPdfs.RotatedPagePdf(upright, rotate: 90, dpi: 200);

        using PdfDocument document = s_reader.Open(pdf.Bytes, CancellationToken.None);
        PdfPageInfo page = Assert.Single(document.Info.Pages);

        Assert.Equal(90, page.Rotate);
        // The media box is landscape; the page as shown is portrait.
        Assert.True(pdf.Pages[0].MediaWidthPoints > pdf.Pages[0].MediaHeightPoints);
        Assert.Equal(pdf.Pages[0].WidthPoints, page.WidthPoints, 0.01);
        Assert.Equal(pdf.Pages[0].HeightPoints, page.HeightPoints, 0.01);

        Ppm rendered = Ppm.Parse(document.RenderPage(1, 200, CancellationToken.None));
        AssertSize(upright.Width, upright.Height, rendered);
        // Turned the right way, not upside down: the rendering matches the upright image pixel for pixel, nearly.
        using SKBitmap expected = SKBitmap.Decode(upright.Bytes);
        Assert.True(rendered.MeanDifference(expected) < 8, $"mean difference {rendered.MeanDifference(expected):0.0} from the upright image");
    }

    [Fact]
    public void A_page_too_large_for_the_pixel_limit_renders_at_a_lower_resolution_within_it()
    {
        var limits = new PdfLimits { MaxPagePixels = 1_000_000, SecondsPerPage = 5, ToolMemoryMegabytes = 512 };
        var reader = new PdfDocumentReader(limits);
        // 300 × 400 pixels at 36 dpi: a page of 8.3 × 11.1 inches, 3.7 megapixels at 200 dpi.
        RenderedImage image = TextImageRenderer.RenderLines(["Poster"], new TextBlockStyle { Width = 300, Height = 400 });
        GeneratedPdf pdf = TestPdfs.ScannedPdf([image], dpi: 36);

        using PdfDocument document = reader.Open(pdf.Bytes, CancellationToken.None);
        PdfPageInfo page = document.Info.Pages[0];
        double dpi = document.RenderDpi(page, 200);
        Ppm rendered = Ppm.Parse(document.RenderPage(1, dpi, CancellationToken.None));

        Assert.InRange(dpi, 90, 200 - 1);
        Assert.InRange((long)rendered.Width * rendered.Height, 950_000, limits.MaxPagePixels);
        // A page within the limit keeps the resolution asked for.
        Assert.Equal(50, document.RenderDpi(page, 50));
    }

    [Fact]
    public void A_document_with_an_empty_user_password_opens_and_its_text_reads()
    {
        using PdfDocument document = s_reader.Open(HostilePdfs.EncryptedEmptyUserPassword(), CancellationToken.None);

        Assert.True(document.Info.Encrypted);
        TextLayerPage page = Assert.Single(document.ReadTextLayers(CancellationToken.None));
        Assert.Equal([HostilePdfs.PageText], page.Lines.Select(l => l.Text));
    }

    [Fact]
    public void A_document_whose_permissions_forbid_copying_text_still_gives_its_text_layer()
    {
        // Plain pdftotext refuses such a file (exit 3, "Copying of text from this document is not allowed"); the -tsv
        // output the reader asks for is given, so the page's own text is used, as a viewer's user could read it.
        string folder = Directory.CreateTempSubdirectory("maoocr-nocopy-").FullName;
        try
        {
            string plain = Path.Combine(folder, "plain.pdf"), locked = Path.Combine(folder, "locked.pdf");
            File.WriteAllBytes(plain, TestPdfs.TextLayerPdf(["Copying is not allowed 6120"]).Bytes);
            MaoOcr.Documents.Tests.Pdf.Writing.PdfTools.Result encrypt = MaoOcr.Documents.Tests.Pdf.Writing.PdfTools.Run("qpdf", "--encrypt", "", "owner-6120", "256", "--extract=n", "--", plain, locked);
            Assert.True(encrypt.ExitCode == 0, encrypt.All);

            using PdfDocument document = s_reader.Open(File.ReadAllBytes(locked), CancellationToken.None);
            Assert.True(document.Info.Encrypted);
            TextLayerPage page = Assert.Single(document.ReadTextLayers(CancellationToken.None));
            Assert.Equal(["Copying is not allowed 6120"], page.Lines.Select(l => l.Text));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_document_that_needs_a_password_is_refused_as_encrypted()
    {
        PdfException e = Assert.Throws<PdfException>(() => s_reader.Open(HostilePdfs.EncryptedWithUserPassword(), CancellationToken.None));

        Assert.Equal(PdfErrorKind.Encrypted, e.Kind);
        Assert.Contains("password", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5000)]
    [InlineData(101)]
    public void More_pages_than_the_limit_are_refused_naming_the_limit(int pages)
    {
        PdfException e = Assert.Throws<PdfException>(() => s_reader.Open(HostilePdfs.ManyEmptyPages(pages), CancellationToken.None));

        Assert.Equal(PdfErrorKind.TooLarge, e.Kind);
        Assert.Contains("Pdf:MaxPages", e.Message, StringComparison.Ordinal);
        Assert.Contains(pages.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void As_many_pages_as_the_limit_are_read()
    {
        using PdfDocument document = s_reader.Open(HostilePdfs.ManyEmptyPages(s_small.MaxPages), CancellationToken.None);

        Assert.Equal(s_small.MaxPages, document.Info.PageCount);
        Assert.Equal(s_small.MaxPages, document.Info.Pages.Count);
        Assert.All(document.Info.Pages, p => Assert.Equal((72.0, 72.0), (p.WidthPoints, p.HeightPoints)));
    }

    [Fact]
    public void A_page_tree_that_claims_a_million_pages_is_refused_naming_the_claim_or_the_limit()
    {
        // poppler 22 distrusts a /Count above the file's object count and reads no pages at all: the file is invalid.
        // A reader that took the claim would be over the page limit instead; either way nothing is read a million times.
        PdfException e = Assert.Throws<PdfException>(() => s_reader.Open(HostilePdfs.PageCountClaim(), CancellationToken.None));

        if (e.Kind == PdfErrorKind.TooLarge)
        {
            Assert.Contains("Pdf:MaxPages", e.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(PdfErrorKind.Invalid, e.Kind);
            Assert.Contains("Page count (1000000)", e.Message, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, byte[], string> BrokenFiles() => new()
    {
        { "empty", HostilePdfs.Empty(), "%PDF-" },
        { "not a PDF", Encoding.ASCII.GetBytes("GIF89a not a pdf at all"), "%PDF-" },
        { "header only", HostilePdfs.HeaderOnly(), "cannot be read" },
        { "garbage after the header", HostilePdfs.GarbageAfterHeader(), "cannot be read" },
        { "cut in half", HostilePdfs.TruncatedInHalf(), "cannot be read" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void A_file_broken_beyond_repair_is_invalid_with_a_message_that_says_so(string what, byte[] bytes, string named)
    {
        PdfException e = Assert.Throws<PdfException>(() => s_reader.Open(bytes, CancellationToken.None));

        Assert.True(e.Kind == PdfErrorKind.Invalid, $"{what}: {e.Kind} {e.Message}");
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[]> RepairableFiles() => new()
    {
        { "cut before its xref", HostilePdfs.TruncatedBeforeXref() },
        { "nested 100,000 deep", HostilePdfs.DeeplyNested() },
        { "reference loops", HostilePdfs.ReferenceLoop() },
        { "xref /Prev loop", HostilePdfs.XrefLoop() },
    };

    /// <summary>poppler rebuilds or tolerates these; either they are refused as invalid, or they open and read their one text page.</summary>
    [Theory]
    [MemberData(nameof(RepairableFiles))]
    public void A_damaged_file_is_refused_as_invalid_or_repaired_and_read_without_hanging(string what, byte[] bytes)
    {
        PdfDocument document;
        try
        {
            document = s_reader.Open(bytes, CancellationToken.None);
        }
        catch (PdfException e)
        {
            Assert.True(e.Kind == PdfErrorKind.Invalid, $"{what}: {e.Kind} {e.Message}");
            Assert.StartsWith("The PDF cannot be read: ", e.Message, StringComparison.Ordinal);
            return;
        }
        using (document)
        {
            Assert.InRange(document.Info.Pages.Count, 1, 2);
            string text = string.Join('\n', document.ReadTextLayers(CancellationToken.None).SelectMany(p => p.Lines).Select(l => l.Text));
            Assert.True(text.Contains(HostilePdfs.PageText, StringComparison.Ordinal), $"{what}: read '{text}'");
            Assert.True(Ppm.Parse(document.RenderPage(1, 72, CancellationToken.None)).DarkFraction() > 0, $"{what}: the page rendered blank");
        }
    }

    [Fact]
    public void A_compression_bomb_is_stopped_at_a_limit_that_the_message_names()
    {
        using PdfDocument document = s_reader.Open(HostilePdfs.CompressionBomb(16L << 30), CancellationToken.None);

        AssertStoppedAtALimit(() => document.ReadTextLayers(CancellationToken.None));
        AssertStoppedAtALimit(() => document.RenderPage(1, 72, CancellationToken.None));
    }

    [Fact]
    public void An_image_that_claims_ten_billion_pixels_is_stopped_at_a_limit_that_the_message_names()
    {
        using PdfDocument document = s_reader.Open(HostilePdfs.HugeImage(), CancellationToken.None);

        AssertStoppedAtALimit(() => document.RenderPage(1, 72, CancellationToken.None));
    }

    [Fact]
    public void The_private_copy_is_readable_by_this_user_only_and_deleted_on_Dispose()
    {
        GeneratedPdf pdf = TestPdfs.ScannedPdf([TextImageRenderer.RenderLines(["Private"])]);
        PdfDocument document = s_reader.Open(pdf.Bytes, CancellationToken.None);
        string folder = Path.GetDirectoryName(document.FilePath)!;

        Assert.Equal(pdf.Bytes, File.ReadAllBytes(document.FilePath));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        }
        document.Dispose();
        Assert.False(Directory.Exists(folder), $"{folder} is left after Dispose");
    }

    [Theory]
    [InlineData("encrypted")]
    [InlineData("too many pages")]
    [InlineData("broken")]
    public void A_failed_Open_leaves_no_private_copy(string what)
    {
        byte[] bytes = what switch
        {
            "encrypted" => HostilePdfs.EncryptedWithUserPassword(),
            "too many pages" => HostilePdfs.ManyEmptyPages(s_small.MaxPages + 1),
            _ => HostilePdfs.GarbageAfterHeader(),
        };
        // A comment after the end makes these bytes ours alone: other processes on this machine make such folders too.
        bytes = [.. bytes, .. Encoding.ASCII.GetBytes($"\n%{Guid.NewGuid():N}\n")];

        Assert.Throws<PdfException>(() => s_reader.Open(bytes, CancellationToken.None));

        string[] left = Directory.EnumerateDirectories(Path.GetTempPath(), "maoocr-pdf-*")
            .Select(d => Path.Combine(d, "document.pdf"))
            .Where(f => File.Exists(f) && new FileInfo(f).Length == bytes.Length && File.ReadAllBytes(f).AsSpan().SequenceEqual(bytes))
            .ToArray();
        Assert.Empty(left);
    }

    [Fact]
    public void Cancelling_stops_a_tool_and_throws_OperationCanceledException()
    {
        using PdfDocument document = s_reader.Open(HostilePdfs.HugeImage(), CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Assert.ThrowsAny<OperationCanceledException>(() => document.RenderPage(1, 72, cancel.Token));
    }

    private static PixelRect Box(TextLayerLine line) => new((float)line.Left, (float)line.Top, (float)(line.Left + line.Width), (float)(line.Top + line.Height));

    private static void AssertStoppedAtALimit(Action read)
    {
        PdfException e = Assert.Throws<PdfException>(read);
        Assert.True(e.Kind is PdfErrorKind.TimedOut or PdfErrorKind.TooLarge, $"{e.Kind}: {e.Message}");
        Assert.True(e.Message.Contains("Pdf:SecondsPerPage", StringComparison.Ordinal) || e.Message.Contains("Pdf:ToolMemoryMegabytes", StringComparison.Ordinal), e.Message);
    }

    private static void AssertSize(int width, int height, Ppm rendered)
    {
        // The renderer rounds the page's size in points times the resolution up or down by a pixel.
        Assert.True(Math.Abs(rendered.Width - width) <= 1 && Math.Abs(rendered.Height - height) <= 1,
            $"rendered {rendered.Width} × {rendered.Height}, expected {width} × {height}");
    }
}
