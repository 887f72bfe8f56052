using System.Text;
using MaoOcr.Documents.Pdf;

namespace MaoOcr.Documents.Tests.Pdf;

public sealed class PdfSignatureTests
{
    [Theory]
    [InlineData("%PDF-1.7\n", true)]
    [InlineData("\uFEFF%PDF-1.4", true)]
    [InlineData("%PDF", false)]
    [InlineData("GIF89a", false)]
    [InlineData("", false)]
    public void Recognises_the_header_at_or_near_the_start(string start, bool expected)
        => Assert.Equal(expected, PdfSignature.IsPdf(Encoding.UTF8.GetBytes(start)));

    [Fact]
    public void The_header_is_looked_for_in_the_first_1024_bytes_only()
    {
        byte[] inside = [.. new byte[PdfSignature.SearchWindow - 5], .. "%PDF-1.7"u8];
        byte[] beyond = [.. new byte[PdfSignature.SearchWindow - 4], .. "%PDF-1.7"u8];
        Assert.True(PdfSignature.IsPdf(inside));
        Assert.False(PdfSignature.IsPdf(beyond));
    }
}
