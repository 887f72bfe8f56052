using MaoOcr.Inference.Detection;
using MaoOcr.Inference.Geometry;
using MaoOcr.Inference.Pipeline;
using MaoOcr.Inference.Tests.Geometry;

namespace MaoOcr.Inference.Tests.Detection;

public sealed class BoxScoreTests
{
    [Fact]
    public void Constant_map_scores_the_constant_for_any_box()
    {
        var random = new Random(55);
        const int width = 120, height = 80;
        for (int round = 0; round < 300; round++)
        {
            float value = random.NextSingle();
            float[] map = new float[width * height];
            Array.Fill(map, value);
            // Random rotated boxes, some reaching past the map's edges.
            var center = new ImagePoint(random.NextSingle() * width, random.NextSingle() * height);
            Quad quad = Quad.FromCorners(Shapes.RotatedRectangle(center, 3 + (random.NextSingle() * 100), 3 + (random.NextSingle() * 30), (random.NextSingle() * 80) - 40));

            float score = BoxScore.Fast(map, width, height, quad);

            Assert.Equal(value, score, 1e-5f);
        }
    }

    [Fact]
    public void Box_over_a_filled_rectangle_scores_one_and_a_box_twice_as_wide_scores_half()
    {
        ProbabilityMap map = new ProbabilityMap(200, 50).Fill(0, 10, 50, 20, 1f);
        var exact = new Quad(new ImagePoint(0, 10), new ImagePoint(49, 10), new ImagePoint(49, 29), new ImagePoint(0, 29));
        var wide = new Quad(new ImagePoint(0, 10), new ImagePoint(99, 10), new ImagePoint(99, 29), new ImagePoint(0, 29));

        Assert.Equal(1f, BoxScore.Fast(map.Values, map.Width, map.Height, exact), 1e-6f);
        Assert.Equal(0.5f, BoxScore.Fast(map.Values, map.Width, map.Height, wide), 1e-6f);
    }

    [Fact]
    public void Top_and_bottom_rows_of_a_box_count_alike()
    {
        // Box corners are pixel centres (DbPostProcessor takes run ends as points), so this box covers rows 10..29 and
        // columns 10..59 inclusive: 1,000 pixels, as PaddleOCR's box_score_fast fills them with cv2.fillPoly.
        var box = new Quad(new ImagePoint(10, 10), new ImagePoint(59, 10), new ImagePoint(59, 29), new ImagePoint(10, 29));
        ProbabilityMap topRow = new ProbabilityMap(100, 50).Fill(10, 10, 50, 1, 1f);
        ProbabilityMap bottomRow = new ProbabilityMap(100, 50).Fill(10, 29, 50, 1, 1f);
        ProbabilityMap leftColumn = new ProbabilityMap(100, 50).Fill(10, 10, 1, 20, 1f);
        ProbabilityMap rightColumn = new ProbabilityMap(100, 50).Fill(59, 10, 1, 20, 1f);

        float top = BoxScore.Fast(topRow.Values, 100, 50, box);
        float bottom = BoxScore.Fast(bottomRow.Values, 100, 50, box);
        float left = BoxScore.Fast(leftColumn.Values, 100, 50, box);
        float right = BoxScore.Fast(rightColumn.Values, 100, 50, box);

        Assert.Equal(left, right, 1e-6f);
        Assert.Equal(0.05f, top, 1e-6f);
        Assert.Equal(0.05f, bottom, 1e-6f);
    }
}
