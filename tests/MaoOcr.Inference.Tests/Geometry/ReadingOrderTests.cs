using MaoOcr.Inference.Geometry;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Inference.Tests.Geometry;

public sealed class ReadingOrderTests
{
    [Fact]
    public void Two_lines_in_scrambled_order_come_out_top_line_left_to_right_then_bottom_line()
    {
        // Ids in reading order: top line 0..2, bottom line 3..5.
        var boxes = new List<(int Id, Quad Quad)>
        {
            (4, Box(150, 60, 80, 20)),
            (1, Box(150, 10, 80, 20)),
            (5, Box(300, 60, 80, 20)),
            (0, Box(10, 10, 80, 20)),
            (3, Box(10, 60, 80, 20)),
            (2, Box(300, 10, 80, 20)),
        };

        ReadingOrder.Sort(boxes, static b => b.Quad);

        Assert.Equal([0, 1, 2, 3, 4, 5], boxes.Select(b => b.Id));
    }

    [Fact]
    public void Slightly_skewed_boxes_are_one_line()
    {
        // Heights 20: centres 4 and 8 pixels apart, under half the height.
        var boxes = new List<(int Id, Quad Quad)>
        {
            (2, Box(300, 6, 80, 20)),
            (0, Box(10, 14, 80, 20)),
            (1, Box(150, 10, 80, 20)),
        };

        ReadingOrder.Sort(boxes, static b => b.Quad);

        Assert.Equal([0, 1, 2], boxes.Select(b => b.Id));
        Assert.True(ReadingOrder.SameLine(Box(0, 6, 80, 20), Box(0, 14, 80, 20)));
    }

    [Fact]
    public void Lines_apart_by_half_a_height_or_more_are_not_merged()
    {
        // Centres exactly half the height apart: two lines, so the higher box comes first even though it is to the right.
        var boxes = new List<(int Id, Quad Quad)>
        {
            (1, Box(10, 20, 80, 20)),
            (0, Box(300, 10, 80, 20)),
        };

        ReadingOrder.Sort(boxes, static b => b.Quad);

        Assert.Equal([0, 1], boxes.Select(b => b.Id));
        Assert.False(ReadingOrder.SameLine(Box(0, 10, 80, 20), Box(0, 20, 80, 20)));
        Assert.True(ReadingOrder.SameLine(Box(0, 10, 80, 20), Box(0, 19.9f, 80, 20)));
    }

    [Fact]
    public void Same_line_uses_the_smaller_height()
    {
        // A tall box (height 60, centre 40) and a small one (height 10, centre 52): 12 apart, more than 10 / 2.
        Assert.False(ReadingOrder.SameLine(Box(0, 10, 50, 60), Box(60, 47, 50, 10)));
        Assert.True(ReadingOrder.SameLine(Box(0, 10, 50, 60), Box(60, 37, 50, 10)));
    }

    [Fact]
    public void Every_permutation_of_a_jittered_page_sorts_the_same()
    {
        var random = new Random(77);
        // Five lines 50 px apart, 20 px high, six boxes each with distinct x and up to ±4 px of vertical jitter.
        var page = new List<(int Id, Quad Quad)>();
        for (int line = 0; line < 5; line++)
        {
            int[] xs = Enumerable.Range(0, 6).Select(i => (i * 100) + random.Next(0, 40)).ToArray();
            for (int i = 0; i < 6; i++)
            {
                float y = 20 + (line * 50) + ((random.NextSingle() * 8) - 4);
                page.Add(((line * 6) + i, Box(xs[i], y, 70, 20)));
            }
        }
        int[] expected = Enumerable.Range(0, page.Count).ToArray();

        for (int round = 0; round < 300; round++)
        {
            (int Id, Quad Quad)[] shuffled = page.ToArray();
            Shapes.Shuffle(random, shuffled);
            var boxes = shuffled.ToList();

            ReadingOrder.Sort(boxes, static b => b.Quad);

            Assert.Equal(expected, boxes.Select(b => b.Id));
        }
    }

    private static Quad Box(float x, float y, float width, float height)
        => new(new ImagePoint(x, y), new ImagePoint(x + width, y), new ImagePoint(x + width, y + height), new ImagePoint(x, y + height));
}
