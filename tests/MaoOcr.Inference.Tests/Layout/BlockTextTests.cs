using MaoOcr.Inference.Layout;

namespace MaoOcr.Inference.Tests.Layout;

public sealed class BlockTextTests
{
    [Theory]
    [InlineData("plain", "text", "plain text")]
    [InlineData("中文第一行", "第二行", "中文第一行第二行")]
    [InlineData("句子结束，", "下一句", "句子结束，下一句")]            // CJK punctuation
    [InlineData("全角ＡＢＣ", "ＤＥＦ", "全角ＡＢＣＤＥＦ")]            // full-width forms
    [InlineData("ひらがなの", "カタカナ", "ひらがなのカタカナ")]
    [InlineData("한국어", "문장", "한국어문장")]
    [InlineData("扩展\U00020000", "\U00020001字", "扩展\U00020000\U00020001字")] // a surrogate pair on each side
    [InlineData("价格为", "USD 12", "价格为 USD 12")]                  // CJK then Latin: a space
    [InlineData("version 2", "中文", "version 2 中文")]
    [InlineData("infor-", "mation", "infor-mation")]                  // the hyphen is kept, not dehyphenated
    [InlineData("well\u2010", "known", "well\u2010known")]
    [InlineData("dash —", "next", "dash — next")]
    public void A_line_break_joins_with_a_space_or_with_nothing(string above, string below, string joined)
    {
        Assert.Equal(joined, BlockText.Join([[above], [below]]));
    }

    [Fact]
    public void Pieces_of_one_row_are_separated_by_a_space_whatever_the_script()
    {
        Assert.Equal("姓名 张三", BlockText.Join([["姓名", "张三"]]));
        Assert.Equal("a b c d", BlockText.Join([["a", "b"], ["c", "d"]]));
    }

    [Fact]
    public void Texts_are_trimmed_and_empty_ones_skipped()
    {
        Assert.Equal("a b", BlockText.Join([["  a "], ["", "   ", null], [" b"]]));
        Assert.Equal("", BlockText.Join([[""], [null]]));
        Assert.Equal("", BlockText.Join([]));
    }

    [Fact]
    public void An_unpaired_surrogate_is_not_cjk()
    {
        Assert.Equal("中\uD800 文", BlockText.Join([["中\uD800"], ["文"]]));
    }
}
