using MaoOcr.Inference.Geometry;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Inference.Tests.Geometry;

public sealed class RotatedRectUnclipTests
{
    [Fact]
    public void Hundred_by_ten_at_ratio_one_and_a_half_grows_each_side_by_twice_the_offset()
    {
        var rect = new RotatedRect(new ImagePoint(50, 20), 100, 10, 1, 0);

        RotatedRect grown = rect.Unclip(1.5f);

        // distance = area × ratio / perimeter = 1000 × 1.5 / 220 = 6.8182
        const float distance = 1000f * 1.5f / 220f;
        Assert.Equal(100 + (2 * distance), grown.Width, 1e-4f);
        Assert.Equal(10 + (2 * distance), grown.Height, 1e-4f);
        Assert.Equal(rect.Center, grown.Center);
        Assert.Equal(rect.AxisX, grown.AxisX);
        Assert.Equal(rect.AxisY, grown.AxisY);
    }

    [Fact]
    public void Rotated_rect_keeps_its_angle_and_centre()
    {
        float a = 30 * MathF.PI / 180;
        var rect = new RotatedRect(new ImagePoint(320, 240), 80, 24, MathF.Cos(a), MathF.Sin(a));

        RotatedRect grown = rect.Unclip(2f);

        float distance = 80f * 24f * 2f / (2 * (80f + 24f));
        Assert.Equal(80 + (2 * distance), grown.Width, 1e-4f);
        Assert.Equal(24 + (2 * distance), grown.Height, 1e-4f);
        Assert.Equal(rect.Center, grown.Center);
        Assert.Equal((rect.AxisX, rect.AxisY), (grown.AxisX, grown.AxisY));
    }

    [Fact]
    public void Random_rects_grow_both_sides_by_the_same_distance()
    {
        var random = new Random(11);
        for (int round = 0; round < 200; round++)
        {
            float w = 1 + (random.NextSingle() * 500), h = 1 + (random.NextSingle() * 100), ratio = random.NextSingle() * 3;
            var rect = new RotatedRect(new ImagePoint(random.NextSingle() * 1000, random.NextSingle() * 1000), w, h, 1, 0);

            RotatedRect grown = rect.Unclip(ratio);

            float distance = w * h * ratio / (2 * (w + h));
            Assert.Equal(2 * distance, grown.Width - w, 1e-3f);
            Assert.Equal(2 * distance, grown.Height - h, 1e-3f);
        }
    }

    [Fact]
    public void Ratio_zero_leaves_the_rect_as_it_is()
    {
        var rect = new RotatedRect(new ImagePoint(5, 5), 40, 8, 1, 0);

        Assert.Equal(rect, rect.Unclip(0));
    }

    [Fact]
    public void Zero_size_rect_is_returned_unchanged()
    {
        var rect = new RotatedRect(new ImagePoint(5, 5), 0, 0, 1, 0);

        RotatedRect grown = rect.Unclip(1.5f);

        Assert.Equal(rect, grown);
    }
}
