using System.Text;
using MaoOcr.Documents.Pdf.Reading;

namespace MaoOcr.Documents.Tests.Pdf.Reading;

public sealed class TextLayerParserTests
{
    private static byte[] Tsv(params string[] rows)
        => Encoding.UTF8.GetBytes("level\tpage_num\tpar_num\tblock_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" + string.Join('\n', rows) + "\n");

    [Fact]
    public void Groups_words_into_lines_and_flows_into_blocks()
    {
        byte[] tsv = Tsv(
            "1\t1\t0\t0\t0\t0\t0\t0\t612\t792\t-1\t###PAGE###",
            "3\t1\t0\t0\t0\t0\t72\t72\t200\t40\t-1\t###FLOW###",
            "4\t1\t0\t0\t0\t0\t72\t72\t200\t20\t-1\t###LINE###",
            "5\t1\t0\t0\t0\t0\t72\t72\t50\t20\t100\tHello",
            "5\t1\t0\t0\t0\t1\t130\t70\t60\t22\t100\tworld",
            "4\t1\t0\t0\t1\t0\t72\t100\t200\t20\t-1\t###LINE###",
            "5\t1\t0\t0\t1\t0\t72\t100\t80\t20\t100\t仓库温度",
            "3\t1\t0\t1\t0\t0\t72\t300\t200\t20\t-1\t###FLOW###",
            "4\t1\t0\t1\t0\t0\t72\t300\t200\t20\t-1\t###LINE###",
            "5\t1\t0\t1\t0\t0\t72\t300\t80\t20\t100\tFooter",
            "1\t2\t0\t0\t0\t0\t0\t0\t612\t792\t-1\t###PAGE###");
        Assert.True(TextLayerParser.TryParse(tsv, out IReadOnlyList<TextLayerPage> pages));
        Assert.Equal(2, pages.Count);
        TextLayerPage first = pages[0];
        Assert.Equal(["Hello world", "仓库温度", "Footer"], first.Lines.Select(l => l.Text));
        Assert.Equal([0, 0, 1], first.Lines.Select(l => l.Block));
        Assert.Equal(new TextLayerLine("Hello world", 0, 72, 70, 118, 22), first.Lines[0]);
        Assert.Empty(pages[1].Lines);
        Assert.Equal(2, pages[1].Number);
    }

    [Fact]
    public void Clamps_words_outside_the_page()
    {
        byte[] tsv = Tsv(
            "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t###PAGE###",
            "5\t1\t0\t0\t0\t0\t-50\t90\t500\t50\t100\tfar");
        Assert.True(TextLayerParser.TryParse(tsv, out IReadOnlyList<TextLayerPage> pages));
        TextLayerLine line = Assert.Single(pages[0].Lines);
        Assert.Equal((0, 90, 100, 10), (line.Left, line.Top, line.Width, line.Height));
    }

    [Theory]
    [InlineData("5\t1\t0\t0\t0\t0\t1\t1\t1\t1\t100\tword")]                              // a word before any page
    [InlineData("1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t###PAGE###\n5\t2\t0\t0\t0\t0\t1\t1\t1\t1\t100\tw")] // on another page
    [InlineData("1\t1\t0\t0\t0\t0\tNaN\t0\t100\t100\t-1\t###PAGE###")]
    [InlineData("1\t1\t0\t0\t0\t0\t0\t0\t100\t-1")]                                          // too few columns
    [InlineData("1\t2\t0\t0\t0\t0\t0\t0\t100\t100\t-1\tP\n1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\tP")] // pages going back
    public void Refuses_malformed_rows(string rows) => Assert.False(TextLayerParser.TryParse(Tsv(rows), out _));

    [Fact]
    public void Refuses_invalid_utf8() => Assert.False(TextLayerParser.TryParse([0xff, 0xfe, 0x00], out _));
}
