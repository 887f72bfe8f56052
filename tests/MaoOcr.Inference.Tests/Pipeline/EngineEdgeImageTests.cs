using MaoOcr.Inference.Pipeline;
using MaoOcr.Inference.Tests.Support;
using MaoOcr.Testing;
using SkiaSharp;

namespace MaoOcr.Inference.Tests.Pipeline;

/// <summary>Valid but unusual images through the whole engine: tiny, and stored sideways with an EXIF orientation.</summary>
[Collection(EngineGroup.Name)]
public sealed class EngineEdgeImageTests(EngineFixture fixture)
{
    private const string GoodText = EngineBadInputTests.GoodText;

    private readonly OcrEngine _engine = fixture.Engine;

    [Fact]
    public void One_pixel_image_gives_no_lines()
    {
        byte[] png = PngBuilder.Rgba(1, 1, [255, 255, 255, 255]);

        RecognizedPage result = _engine.Recognize(png);

        Assert.Equal((1, 1), (result.Width, result.Height));
        Assert.Empty(result.Lines);
        Assert.Equal(string.Empty, result.Text);
    }

    [Fact]
    public void Exif_rotated_photo_reports_the_upright_size_and_reads()
    {
        // Stored turned a quarter counter-clockwise; orientation 6 says to turn it clockwise for display.
        using SKBitmap upright = TestImages.Text(GoodText);
        using var stored = new SKBitmap(new SKImageInfo(upright.Height, upright.Width, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(stored))
        {
            canvas.Translate(0, upright.Width);
            canvas.RotateDegrees(-90);
            canvas.DrawBitmap(upright, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null);
        }
        byte[] jpeg = JpegExif.WithOrientation(TestImages.Encode(stored, SKEncodedImageFormat.Jpeg, 95), 6);

        RecognizedPage result = _engine.Recognize(jpeg);

        Assert.Equal((upright.Width, upright.Height), (result.Width, result.Height));
        Assert.Equal(GoodText, Assert.Single(result.Lines).Text);
    }
}
