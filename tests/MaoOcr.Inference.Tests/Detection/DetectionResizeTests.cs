using MaoOcr.Inference.Detection;

namespace MaoOcr.Inference.Tests.Detection;

public sealed class DetectionResizeTests
{
    [Fact]
    public void Image_under_the_limit_is_only_rounded_to_the_stride()
    {
        DetectionResize size = DetectionResize.For(900, 300, 960);

        Assert.Equal(896, size.Width);
        Assert.Equal(288, size.Height);
        Assert.Equal(896f / 900, size.ScaleX, 1e-6f);
        Assert.Equal(288f / 300, size.ScaleY, 1e-6f);
    }

    [Fact]
    public void Large_photo_is_shrunk_so_the_longer_side_fits()
    {
        DetectionResize size = DetectionResize.For(4000, 3000, 960);

        Assert.Equal(960, size.Width);
        Assert.Equal(704, size.Height); // 720 / 32 = 22.5, rounded to even as PaddleOCR's round() does
    }

    [Fact]
    public void Tiny_image_gets_the_smallest_tensor_one_stride_square()
    {
        DetectionResize size = DetectionResize.For(10, 10, 960);

        Assert.Equal(32, size.Width);
        Assert.Equal(32, size.Height);
        Assert.Equal(3.2f, size.ScaleX, 1e-6f);
    }

    [Fact]
    public void Extreme_aspect_keeps_the_short_side_at_one_stride()
    {
        DetectionResize size = DetectionResize.For(20000, 10, 960);

        Assert.Equal(960, size.Width);
        Assert.Equal(32, size.Height);
    }

    [Fact]
    public void Random_sizes_give_stride_multiples_within_the_limit()
    {
        var random = new Random(31);
        int[] limits = [736, 960, 1280];
        for (int round = 0; round < 2000; round++)
        {
            int width = random.Next(1, 9000), height = random.Next(1, 9000);
            int limit = limits[random.Next(limits.Length)];

            DetectionResize size = DetectionResize.For(width, height, limit);

            Assert.Equal(0, size.Width % DetectionResize.Stride);
            Assert.Equal(0, size.Height % DetectionResize.Stride);
            Assert.InRange(size.Width, DetectionResize.Stride, limit);
            Assert.InRange(size.Height, DetectionResize.Stride, limit);
            // Each side is the scaled side, truncated, rounded to the nearest stride (or the minimum of one
            // stride): at most half a stride plus the truncated fraction away.
            double ratio = Math.Max(width, height) > limit ? (double)limit / Math.Max(width, height) : 1;
            Assert.True(Math.Abs(size.Width - (width * ratio)) <= 17 || size.Width == 32, $"{width}×{height} → {size.Width}");
            Assert.True(Math.Abs(size.Height - (height * ratio)) <= 17 || size.Height == 32, $"{width}×{height} → {size.Height}");
        }
    }

    [Fact]
    public void Sizes_match_PaddleOCRs_DetResizeForTest()
    {
        var random = new Random(32);
        // First a size where the two can differ: 3002 × 0.24 = 720.48, which PaddleOCR truncates to 720 before rounding to a stride.
        var cases = new List<(int Width, int Height, int Limit)> { (4000, 3002, 960) };
        for (int i = 0; i < 3000; i++)
        {
            cases.Add((random.Next(1, 9000), random.Next(1, 9000), random.Next(2) == 0 ? 960 : 736));
        }
        var wrong = new List<string>();

        foreach ((int width, int height, int limit) in cases)
        {
            DetectionResize size = DetectionResize.For(width, height, limit);

            (int W, int H) expected = PaddleResize(width, height, limit);
            if ((size.Width, size.Height) != expected)
            {
                wrong.Add($"{width}×{height} at {limit}: {size.Width}×{size.Height}, PaddleOCR {expected.W}×{expected.H}");
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {cases.Count} sizes differ from PaddleOCR, e.g.\n{string.Join("\n", wrong.Take(5))}");
    }

    [Theory]
    [InlineData(31)]
    [InlineData(0)]
    [InlineData(-960)]
    public void Side_limit_under_one_stride_is_refused(int limit)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DetectionResize.For(100, 100, limit));
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(100, 0)]
    [InlineData(0, 0)]
    [InlineData(-5, 100)]
    public void Empty_image_size_is_refused(int width, int height)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DetectionResize.For(width, height, 960));
    }

    [Fact]
    public void Limit_of_exactly_one_stride_is_accepted()
    {
        DetectionResize size = DetectionResize.For(100, 50, 32);

        Assert.Equal(32, size.Width);
        Assert.Equal(32, size.Height);
    }

    /// <summary>PaddleOCR's DetResizeForTest.resize_image_type0 with limit_type "max" (ppocr/data/imaug/operators.py):
    /// int() truncates the scaled side, then Python's round() rounds half to even.</summary>
    private static (int W, int H) PaddleResize(int w, int h, int limit)
    {
        double ratio = Math.Max(h, w) > limit ? (h > w ? (double)limit / h : (double)limit / w) : 1.0;
        int resizeH = (int)(h * ratio), resizeW = (int)(w * ratio);
        return (Math.Max((int)Math.Round(resizeW / 32.0, MidpointRounding.ToEven) * 32, 32), Math.Max((int)Math.Round(resizeH / 32.0, MidpointRounding.ToEven) * 32, 32));
    }
}
