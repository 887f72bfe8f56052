using System.Text;
using MaoOcr.Documents.Pdf.Writing;

namespace MaoOcr.Documents.Tests.Pdf.Writing;

public sealed class CidEncoderTests
{
    [Theory]
    [InlineData("Ab", "00410062")]
    [InlineData("仓库", "4ED35E93")]
    [InlineData("a\tb", "00610020" + "0062")]
    [InlineData("😀😀𠀀", "D800D800D801")] // one CID per character beyond the BMP, reused when it comes again
    public void Characters_become_one_cid_each(string text, string expectedHex)
    {
        var encoder = new CidEncoder();
        var buffer = new PdfBuffer();
        encoder.Encode(text, buffer);
        Assert.Equal(expectedHex, Encoding.ASCII.GetString(buffer.WrittenSpan));
        Assert.Equal(expectedHex.Length / 4, CidEncoder.Count(text));
    }

    [Fact]
    public void A_lone_surrogate_becomes_the_replacement_character()
    {
        // Not an InlineData: the test runner's serialisation of theory data would replace the lone surrogate itself.
        var buffer = new PdfBuffer();
        new CidEncoder().Encode("\uD800x\uDC00", buffer);
        Assert.Equal("FFFD0078FFFD", Encoding.ASCII.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Surrounding_white_space_and_control_characters_are_trimmed()
        => Assert.Equal("a b", CidEncoder.Trim(" \t\u0001a b\r\n\u00A0").ToString());

    [Fact]
    public void ToUnicode_maps_the_bmp_by_ranges_and_the_supplementary_cids_to_surrogate_pairs()
    {
        var encoder = new CidEncoder();
        encoder.Encode("😀", new PdfBuffer());
        string cmap = Encoding.ASCII.GetString(ToUnicodeCMap.Build(encoder.Supplementary));

        Assert.Contains("<0000> <FFFF>\nendcodespacerange", cmap, StringComparison.Ordinal);
        Assert.Contains("<4E00> <4EFF> <4E00>", cmap, StringComparison.Ordinal);
        Assert.DoesNotContain("<D800> <D8FF>", cmap, StringComparison.Ordinal);
        Assert.Contains("1 beginbfchar\n<D800> <D83DDE00>\nendbfchar", cmap, StringComparison.Ordinal);
        // 248 one-byte-high ranges (256 less the 8 surrogate blocks) in blocks of at most 100.
        Assert.Contains("100 beginbfrange", cmap, StringComparison.Ordinal);
        Assert.Contains("48 beginbfrange", cmap, StringComparison.Ordinal);
    }
}
