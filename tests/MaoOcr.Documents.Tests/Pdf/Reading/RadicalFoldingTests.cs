using MaoOcr.Documents.Pdf.Reading;

namespace MaoOcr.Documents.Tests.Pdf.Reading;

public sealed class RadicalFoldingTests
{
    [Theory]
    [InlineData("\u2F42\u5B57", "文字")]            // KANGXI RADICAL SCRIPT + 字
    [InlineData("\u4E8C\u2EDA", "二页")]             // C-SIMPLIFIED LEAF
    [InlineData("\u2F06\u5341", "二十")]             // KANGXI RADICAL TWO
    [InlineData("\u2F00\u2FD5", "一龠")]             // the first and last Kangxi radicals
    [InlineData("用\u2F3E", "用户")]                 // simplified Chinese fonts draw ⼾ as 户 (NFKC would give 戶)
    [InlineData("Invoice 仓库", "Invoice 仓库")]
    [InlineData("\u2E80", "\u2E80")]                 // a supplement radical with no ideograph listed stays
    public void Radicals_become_the_ideographs_they_stand_for(string text, string expected) => Assert.Equal(expected, RadicalFolding.Fold(text));

    [Fact]
    public void Text_without_radicals_is_returned_as_it_is()
    {
        string text = "no radicals here 没有";
        Assert.Same(text, RadicalFolding.Fold(text));
    }

    [Fact]
    public void The_text_layer_parser_folds_the_words_it_reads()
    {
        byte[] tsv = System.Text.Encoding.UTF8.GetBytes(
            "level\tpage_num\tpar_num\tblock_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
            "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t###PAGE###\n" +
            "5\t1\t0\t0\t0\t0\t1\t1\t10\t10\t100\t第\u2F06\u2EDA\n");
        Assert.True(TextLayerParser.TryParse(tsv, out IReadOnlyList<TextLayerPage> pages));
        Assert.Equal("第二页", Assert.Single(pages[0].Lines).Text);
    }
}
