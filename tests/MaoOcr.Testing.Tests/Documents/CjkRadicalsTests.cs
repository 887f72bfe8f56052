using MaoOcr.Testing.Documents;

namespace MaoOcr.Testing.Tests.Documents;

public sealed class CjkRadicalsTests
{
    [Fact]
    public void Radicals_drawn_with_an_ideographs_glyph_become_that_ideograph()
    {
        // Kangxi ⼆ ⾄ ⼋ ⽒ ⾦ and the supplement's ⻚, as pdftotext returned them from Skia's PDFs.
        Assert.Equal("二至八氏金页", CjkRadicals.ToIdeographs("\u2F06\u2F84\u2F0B\u2F52\u2FA6\u2EDA", TestFonts.NotoSansCjkSc));
        Assert.Equal("仓库 INV-20417", CjkRadicals.ToIdeographs("仓库 INV-20417", TestFonts.NotoSansCjkSc));
        Assert.False(CjkRadicals.Contains("二至八"));
    }
}
