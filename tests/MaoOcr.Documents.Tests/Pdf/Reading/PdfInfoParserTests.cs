using MaoOcr.Documents.Pdf.Reading;

namespace MaoOcr.Documents.Tests.Pdf.Reading;

public sealed class PdfInfoParserTests
{
    private const string TwoPages = """
        Producer:        test
        Pages:           2
        Encrypted:       no
        Page    1 size:  595.28 x 841.89 pts (A4)
        Page    1 rot:   0
        Page    2 size:  612 x 792 pts (letter)
        Page    2 rot:   90
        File size:       632 bytes
        """;

    [Fact]
    public void Reads_the_page_count_and_each_pages_size_as_shown()
    {
        Assert.True(PdfInfoParser.TryParse(TwoPages, out PdfInfo info));
        Assert.Equal(2, info.PageCount);
        Assert.False(info.Encrypted);
        Assert.Equal(new PdfPageInfo(1, 595.28, 841.89, 0), info.Pages[0]);
        // A page turned a quarter is shown landscape: its sides swap.
        Assert.Equal(new PdfPageInfo(2, 792, 612, 90), info.Pages[1]);
    }

    [Fact]
    public void Reports_encryption_that_opened_without_a_password()
    {
        Assert.True(PdfInfoParser.TryParse("Pages: 1\nEncrypted: yes (print:yes copy:no change:no addNotes:no algorithm:AES-256)\nPage    1 size: 10 x 10 pts\n", out PdfInfo info));
        Assert.True(info.Encrypted);
    }

    [Theory]
    [InlineData("Encrypted: no\n")]                                     // no page count
    [InlineData("Pages: -3\n")]                                         // negative
    [InlineData("Pages: 99999999999999\n")]                             // overflow
    [InlineData("Pages: 2\nPage    2 size: 10 x 10 pts\n")]             // a gap: page 1 missing
    [InlineData("Pages: 1\nPage    1 size: NaN x 10 pts\n")]
    [InlineData("Pages: 1\nPage    1 size: 0 x 10 pts\n")]
    [InlineData("Pages: 1\nPage    1 size: 1e300 x 10 pts\n")]
    [InlineData("Pages: 1\nPage    1 size: 10 x 10 pts\nPage    1 rot: 45\n")]
    [InlineData("Pages: 1\nPage    x size: 10 x 10 pts\n")]
    [InlineData("Pages: 1\nPage    2 size: 10 x 10 pts\n")]             // beyond the count
    public void Refuses_output_it_does_not_understand(string text) => Assert.False(PdfInfoParser.TryParse(text, out _));

    [Fact]
    public void Normalises_a_negative_rotation()
    {
        Assert.True(PdfInfoParser.TryParse("Pages: 1\nPage    1 size: 100 x 200 pts\nPage    1 rot: -90\n", out PdfInfo info));
        Assert.Equal(270, info.Pages[0].Rotate);
        Assert.Equal(200, info.Pages[0].WidthPoints);
    }
}
