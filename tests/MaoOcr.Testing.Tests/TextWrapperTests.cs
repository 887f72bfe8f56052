using MaoOcr.Testing.Evaluation;
using SkiaSharp;

namespace MaoOcr.Testing.Tests;

public sealed class TextWrapperTests
{
    [Fact]
    public void English_breaks_at_spaces_within_the_width()
    {
        const string Paragraph = "Invoice INV-20417 was issued on 2025-06-30 for a total of $1,284.50. Please return the signed form to Finance before Friday.";
        using SKFont font = TextImageRenderer.CreateFont(TestFonts.LiberationSans, 24);
        List<string> lines = TextWrapper.Wrap(Paragraph, font, 400);
        Assert.True(lines.Count > 1);
        Assert.All(lines, l => Assert.True(font.MeasureText(l) <= 400, l));
        Assert.Equal(Paragraph, string.Join(' ', lines));
    }

    [Fact]
    public void Chinese_breaks_between_characters_but_not_before_closing_punctuation()
    {
        const string Paragraph = "请各部门在2025年6月30日前将签字后的表格交到财务部。本批次产品合格率为98.5%，符合公司质量标准。请用USB接口连接扫码枪，然后重启POS机。";
        using SKFont font = TextImageRenderer.CreateFont(TestFonts.NotoSansCjkSc, 24);
        for (float width = 150; width <= 500; width += 23)
        {
            List<string> lines = TextWrapper.Wrap(Paragraph, font, width);
            Assert.Equal(Paragraph, string.Concat(lines));
            Assert.All(lines, l => Assert.DoesNotMatch("^[，。、；：？！）》”%]", l));
        }
    }
}
