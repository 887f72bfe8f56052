namespace MaoOcr.Testing.Tests;

public sealed class TestFontsTests
{
    [Fact]
    public void Every_font_is_installed_with_the_face_it_names()
    {
        TestFonts.EnsureInstalled();
        foreach (TestFont font in TestFonts.All)
        {
            Assert.Equal(font.FamilyName, font.Typeface.FamilyName);
            Assert.True(font.CanRender("Invoice 2026-11-24 $1,284.50 (ok)"), font.ToString());
            Assert.Equal(font.CoversChinese, font.CanRender("质量检验记录，合格。"));
        }
    }

    [Fact]
    public void The_noto_collections_hold_simplified_chinese_at_index_two()
    {
        Assert.Equal(2, TestFonts.NotoSansCjkSc.FaceIndex);
        Assert.Equal(2, TestFonts.NotoSerifCjkSc.FaceIndex);
    }

    [Fact]
    public void A_missing_font_names_its_package()
    {
        var font = new TestFont("Nowhere Sans", false, "nowhere.ttf", "/nonexistent", 0, "fonts-nowhere", false);
        MissingTestFontException e = Assert.Throws<MissingTestFontException>(() => font.Typeface);
        Assert.Contains("apt-get install fonts-nowhere", e.Message, StringComparison.Ordinal);
    }
}
