using MaoOcr.Documents.Pdf.Writing;

namespace MaoOcr.Documents.Tests.Pdf.Writing;

public sealed class PdfPageSizeTests
{
    [Fact]
    public void An_A4_scan_at_300_dpi_is_an_A4_page()
    {
        PdfPageSize size = PdfPageSize.FromPixels(2480, 3508, 300);
        Assert.Equal(595.2, size.WidthPoints, 0.001);
        Assert.Equal(841.92, size.HeightPoints, 0.001);
    }

    [Theory]
    [InlineData(4032, 3024)] // a 12-megapixel phone photo, landscape
    [InlineData(3024, 4032)]
    [InlineData(1280, 960)]
    public void An_image_of_unknown_resolution_gets_an_A4_long_side_and_keeps_its_aspect_ratio(int width, int height)
    {
        PdfPageSize size = PdfPageSize.ForUnknownResolution(width, height);
        Assert.Equal(841.8898, Math.Max(size.WidthPoints, size.HeightPoints), 0.001);
        Assert.Equal((double)width / height, size.WidthPoints / size.HeightPoints, 1e-9);
    }

    [Theory]
    [InlineData(0, 10, 300)]
    [InlineData(10, -1, 300)]
    [InlineData(10, 10, 0)]
    [InlineData(10, 10, double.NaN)]
    [InlineData(10, 10, double.PositiveInfinity)]
    public void Bad_arguments_are_refused(int width, int height, double dpi)
        => Assert.Throws<ArgumentOutOfRangeException>(() => PdfPageSize.FromPixels(width, height, dpi));
}
