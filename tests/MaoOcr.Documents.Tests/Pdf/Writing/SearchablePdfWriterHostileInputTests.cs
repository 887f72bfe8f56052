using MaoOcr.Documents.Pdf.Writing;
using MaoOcr.Testing;

namespace MaoOcr.Documents.Tests.Pdf.Writing;

/// <summary>Bad arguments give a clear ArgumentException and write nothing; odd but legal ones give a valid file.</summary>
public sealed class SearchablePdfWriterHostileInputTests
{
    private static readonly PdfPageSize s_page = new(612, 792);

    public static TheoryData<double, double> BadCorners => new()
    {
        { double.NaN, 10 },
        { 10, double.NaN },
        { double.PositiveInfinity, 10 },
        { 10, double.NegativeInfinity },
        { 1e300, 10 },
        { -1300, 10 }, // more than a page width (612) left of the page
        { 10, 1600 }, // more than a page height below it
    };

    [Theory]
    [MemberData(nameof(BadCorners))]
    public void A_corner_that_is_not_finite_or_far_off_the_page_is_refused_and_the_writer_goes_on(double x, double y)
    {
        using var directory = new TempDirectory();
        string pdf = TestPages.Write(directory, "page.pdf", writer =>
        {
            var bad = new PdfTextLine("bad", new PdfPoint(10, 10), new PdfPoint(x, y), new PdfPoint(100, 40), new PdfPoint(10, 40));
            ArgumentException error = Assert.Throws<ArgumentException>(
                () => writer.AddTextOnlyPage(s_page, 612, 792, [PdfTextLine.FromRectangle("good", 10, 10, 100, 40), bad]));
            Assert.Equal("lines", error.ParamName);
            Assert.Contains("Line 1", error.Message, StringComparison.Ordinal);
            Assert.Equal(0, writer.PageCount);
            writer.AddTextOnlyPage(s_page, 612, 792, [PdfTextLine.FromRectangle("after the refusal", 10, 10, 300, 40)]);
        });

        PdfTools.AssertQpdfCheckClean(pdf);
        Assert.Equal("after the refusal", PdfTools.Text(pdf).Trim());
    }

    [Fact]
    public void Null_lines_and_null_text_are_refused()
    {
        using var writer = new SearchablePdfWriter(new MemoryStream());
        Assert.Throws<ArgumentNullException>(() => writer.AddTextOnlyPage(s_page, 612, 792, null!));
        Assert.Throws<ArgumentException>(() => writer.AddTextOnlyPage(s_page, 612, 792, [null!]));
        Assert.Throws<ArgumentException>(() => writer.AddTextOnlyPage(s_page, 612, 792, [PdfTextLine.FromRectangle(null!, 1, 1, 2, 2)]));
        Assert.Throws<ArgumentNullException>(() => writer.AddImagePage(null!, s_page, []));
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(-5, 100)]
    [InlineData(double.NaN, 100)]
    [InlineData(100, double.PositiveInfinity)]
    [InlineData(100, 14_401)]
    public void Page_sizes_outside_what_readers_accept_are_refused(double width, double height)
    {
        using var writer = new SearchablePdfWriter(new MemoryStream());
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.AddTextOnlyPage(new PdfPageSize(width, height), 100, 100, []));
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(100, -1)]
    public void Pixel_sizes_must_be_positive(int width, int height)
    {
        using var writer = new SearchablePdfWriter(new MemoryStream());
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.AddTextOnlyPage(s_page, width, height, []));
    }

    [Fact]
    public void Empty_text_control_characters_and_degenerate_boxes_still_give_a_valid_file()
    {
        using var directory = new TempDirectory();
        PdfTextLine[] lines =
        [
            PdfTextLine.FromRectangle(string.Empty, 10, 10, 200, 30),
            PdfTextLine.FromRectangle("tab\there\0nul\u0007bell\u0085next", 10, 50, 400, 80),
            PdfTextLine.FromRectangle("lone \uD800 surrogate", 10, 100, 300, 130),
            PdfTextLine.FromRectangle("zero height", 10, 150, 300, 150),
            PdfTextLine.FromRectangle("zero width", 10, 200, 10, 230),
            new PdfTextLine("a point", new PdfPoint(50, 300), new PdfPoint(50, 300), new PdfPoint(50, 300), new PdfPoint(50, 300)),
            PdfTextLine.FromRectangle("off the edge", -100, -20, 200, 10),
        ];
        string pdf = TestPages.Write(directory, "odd.pdf", w => w.AddTextOnlyPage(s_page, 612, 792, lines));

        PdfTools.AssertQpdfCheckClean(pdf);
        string text = PdfTools.Text(pdf, raw: true);
        Assert.Contains("tab here nul bell next", TestPages.Normalise(text), StringComparison.Ordinal);
        Assert.Contains("lone \uFFFD surrogate", text, StringComparison.Ordinal);
        Assert.Contains("zero height", TestPages.Normalise(text), StringComparison.Ordinal);
    }

    [Fact]
    public void A_very_long_line_extracts_whole()
    {
        using var directory = new TempDirectory();
        string text = string.Join(' ', Enumerable.Range(0, 5000).Select(i => $"w{i}"));
        string pdf = TestPages.Write(directory, "long.pdf", w => w.AddTextOnlyPage(s_page, 612, 792, [PdfTextLine.FromRectangle(text, 10, 10, 600, 30)]));

        PdfTools.AssertQpdfCheckClean(pdf);
        Assert.Equal(text, TestPages.Normalise(PdfTools.Text(pdf, raw: true)));
    }

    [Fact]
    public void Many_lines_on_one_page_extract_in_order()
    {
        using var directory = new TempDirectory();
        PdfTextLine[] lines = Enumerable.Range(0, 400)
            .Select(i => PdfTextLine.FromRectangle($"line {i} 行", 10 + (i % 4 * 150), 10 + (i / 4 * 7), 150 + (i % 4 * 150), 16 + (i / 4 * 7)))
            .ToArray();
        string pdf = TestPages.Write(directory, "many.pdf", w => w.AddTextOnlyPage(s_page, 612, 792, lines));

        PdfTools.AssertQpdfCheckClean(pdf);
        Assert.Equal(string.Join(' ', lines.Select(l => l.Text)), TestPages.Normalise(PdfTools.Text(pdf, raw: true)));
    }
}
