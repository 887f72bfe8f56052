using MaoOcr.Inference.Geometry;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Inference.Tests.Pipeline;

/// <summary>The evidence rules alone, on boxes laid out by hand (no model).</summary>
public sealed class PageOrientationTests
{
    [Fact]
    public void Page_of_standing_lines_is_sideways()
    {
        List<Quad> boxes = [.. Enumerable.Range(0, 6).Select(i => Box(40 + (i * 40), 20, 24, 400))];
        Assert.True(PageOrientation.IsSideways(boxes));
    }

    [Fact]
    public void Upright_page_with_a_few_vertical_labels_is_not_sideways()
    {
        List<Quad> boxes = [.. Enumerable.Range(0, 8).Select(i => Box(40, 40 + (i * 40), 500, 24))];
        boxes.Add(Box(600, 40, 28, 300));
        boxes.Add(Box(640, 40, 28, 260));
        Assert.False(PageOrientation.IsSideways(boxes));
    }

    [Fact]
    public void Two_tall_boxes_alone_are_not_enough()
    {
        Assert.False(PageOrientation.IsSideways([Box(10, 10, 24, 300), Box(50, 10, 24, 300)]));
        Assert.True(PageOrientation.IsSideways([Box(10, 10, 24, 300), Box(50, 10, 24, 300), Box(90, 10, 24, 300)]));
    }

    [Fact]
    public void Tall_boxes_under_three_quarters_of_the_length_do_not_turn_the_page()
    {
        // 3 × 300 tall against 400 wide: 69% tall, under the 75% share.
        List<Quad> boxes = [Box(10, 10, 24, 300), Box(50, 10, 24, 300), Box(90, 10, 24, 300), Box(150, 10, 400, 24)];
        Assert.False(PageOrientation.IsSideways(boxes));
        // 3 × 300 tall against 250 wide: 78%.
        boxes[3] = Box(150, 10, 250, 24);
        Assert.True(PageOrientation.IsSideways(boxes));
    }

    [Fact]
    public void Near_square_boxes_are_no_evidence()
    {
        // Many single characters or numbers (aspect under 1.5 either way) beside three standing lines.
        List<Quad> boxes = [.. Enumerable.Range(0, 30).Select(i => Box(10 + (i * 30), 500, 26, 24))];
        boxes.AddRange(Enumerable.Range(0, 3).Select(i => Box(10 + (i * 40), 10, 24, 300)));
        Assert.True(PageOrientation.IsSideways(boxes));
        Assert.False(PageOrientation.IsSideways(boxes[..30]));
    }

    [Fact]
    public void Empty_page_is_neither_sideways_nor_upside_down()
    {
        Assert.False(PageOrientation.IsSideways([]));
        Assert.Empty(PageOrientation.VoteSample([]));
        Assert.False(PageOrientation.IsUpsideDown(0, 0));
    }

    [Fact]
    public void Vote_reads_the_longest_wide_lines_only()
    {
        List<Quad> boxes = [.. Enumerable.Range(0, 20).Select(i => Box(10, 10 + (i * 30), 100 + (i * 10), 20))];
        boxes.Add(Box(400, 10, 20, 900));
        boxes.Add(Box(400, 10, 22, 20));

        List<Quad> sample = PageOrientation.VoteSample(boxes);

        Assert.Equal(PageOrientation.MaxVoteLines, sample.Count);
        Assert.Equal(290f, sample[0].Width);
        Assert.All(sample, q => Assert.True(q.Width >= 180f));
    }

    [Theory]
    [InlineData(7, 12, true)]
    [InlineData(6, 12, false)]
    [InlineData(1, 1, true)]
    [InlineData(1, 2, false)]
    public void Upside_down_needs_more_than_half_the_votes(int votes, int sampled, bool expected)
    {
        Assert.Equal(expected, PageOrientation.IsUpsideDown(votes, sampled));
    }

    private static Quad Box(float x, float y, float width, float height) =>
        new(new ImagePoint(x, y), new ImagePoint(x + width, y), new ImagePoint(x + width, y + height), new ImagePoint(x, y + height));
}
