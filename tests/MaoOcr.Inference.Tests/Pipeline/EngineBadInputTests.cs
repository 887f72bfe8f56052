using MaoOcr.Inference.Pipeline;
using MaoOcr.Inference.Tests.Support;
using MaoOcr.Testing;
using SkiaSharp;

namespace MaoOcr.Inference.Tests.Pipeline;

/// <summary>Refused images through the whole engine: each refusal names its kind, and the engine keeps working after it.</summary>
[Collection(EngineGroup.Name)]
public sealed class EngineBadInputTests(EngineFixture fixture)
{
    internal const string GoodText = "Invoice 2024";

    private static readonly Lazy<byte[]> s_good = new(() => TestImages.TextPng(GoodText));

    private readonly OcrEngine _engine = fixture.Engine;

    [Fact]
    public void Good_image_is_read()
    {
        AssertStillReads();
    }

    [Fact]
    public void Empty_input_is_refused_then_a_good_image_still_reads()
    {
        OcrImageException e = Assert.Throws<OcrImageException>(() => _engine.Recognize([]));

        Assert.Equal(ImageErrorKind.Empty, e.Kind);
        AssertStillReads();
    }

    [Fact]
    public void Random_bytes_are_refused_then_a_good_image_still_reads()
    {
        byte[] bytes = new byte[3000];
        new Random(12).NextBytes(bytes);
        bytes[0] = 0x5A;

        OcrImageException e = Assert.Throws<OcrImageException>(() => _engine.Recognize(bytes));

        Assert.Equal(ImageErrorKind.UnsupportedFormat, e.Kind);
        AssertStillReads();
    }

    [Fact]
    public void Truncated_jpeg_is_refused_then_a_good_image_still_reads()
    {
        using SKBitmap bitmap = TestImages.Text(GoodText);
        byte[] jpeg = TestImages.Encode(bitmap, SKEncodedImageFormat.Jpeg);

        foreach (int cut in new[] { 100, jpeg.Length / 2, jpeg.Length - 10 })
        {
            OcrImageException e = Assert.Throws<OcrImageException>(() => _engine.Recognize(jpeg.AsSpan(0, cut)));

            // The signature survives every cut, so the refusal says the JPEG is damaged, not that it is not an image.
            Assert.True(e.Kind == ImageErrorKind.Corrupt, $"cut at {cut}: {e.Kind}: {e.Message}");
            Assert.Contains("JPEG", e.Message, StringComparison.Ordinal);
            AssertStillReads();
        }
    }

    [Fact]
    public void Decompression_bomb_is_refused_without_allocating_then_a_good_image_still_reads()
    {
        byte[] bomb = PngBuilder.DecompressionBomb();
        long before = GC.GetAllocatedBytesForCurrentThread();

        OcrImageException e = Assert.Throws<OcrImageException>(() => _engine.Recognize(bomb));

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(ImageErrorKind.TooLarge, e.Kind);
        Assert.True(allocated < 50_000_000, $"refusing the bomb allocated {allocated:N0} bytes");
        AssertStillReads();
    }

    private void AssertStillReads()
    {
        RecognizedPage result = _engine.Recognize(s_good.Value);

        RecognizedLine line = Assert.Single(result.Lines);
        Assert.Equal(GoodText, line.Text);
        Assert.InRange(line.Confidence, 0.8f, 1f);
    }
}
