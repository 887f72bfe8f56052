using MaoOcr.Inference.Detection;
using MaoOcr.Inference.Geometry;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Inference.Tests.Detection;

public sealed class DbPostProcessorTests
{
    // PaddleOCR's defaults, as OcrEngineOptions has them.
    private static readonly DbSettings s_paddle = new(BinaryThreshold: 0.3f, BoxThreshold: 0.6f, UnclipRatio: 1.5f, MinBoxSide: 3);

    [Fact]
    public void Two_rectangles_give_two_unclipped_boxes_in_image_coordinates()
    {
        // The map is half the image's size, as when the detector saw a shrunk image.
        ProbabilityMap map = new ProbabilityMap(300, 120).Fill(30, 30, 60, 20, 0.9f).Fill(160, 60, 100, 30, 0.9f);

        List<Quad> boxes = DbPostProcessor.Process(map.Values, map.Width, map.Height, 600, 240, s_paddle);

        Assert.Equal(2, boxes.Count);
        AssertBox(Expected(30, 30, 89, 49, 1.5f, 2), Closest(boxes, 120, 80));
        AssertBox(Expected(160, 60, 259, 89, 1.5f, 2), Closest(boxes, 420, 150));
    }

    [Fact]
    public void Low_probability_and_tiny_blobs_are_dropped_but_a_small_confident_one_is_kept()
    {
        ProbabilityMap map = new ProbabilityMap(300, 120)
            .Fill(30, 30, 60, 20, 0.9f) // kept
            .Fill(200, 5, 60, 20, 0.45f) // above the binary threshold, mean under the box threshold
            .Fill(5, 100, 2, 2, 0.95f) // 1×1 between pixel centres: under the minimum side
            .Fill(120, 100, 5, 5, 0.95f); // 4×4 between pixel centres: kept

        List<Quad> boxes = DbPostProcessor.Process(map.Values, map.Width, map.Height, map.Width, map.Height, s_paddle);

        Assert.Equal(2, boxes.Count);
        AssertBox(Expected(30, 30, 89, 49, 1.5f, 1), Closest(boxes, 60, 40));
        AssertBox(Expected(120, 100, 124, 104, 1.5f, 1), Closest(boxes, 122, 102));
    }

    [Fact]
    public void Low_probability_blob_is_kept_when_the_box_threshold_allows_it()
    {
        ProbabilityMap map = new ProbabilityMap(300, 120).Fill(200, 5, 60, 20, 0.45f);

        Assert.Empty(DbPostProcessor.Process(map.Values, map.Width, map.Height, map.Width, map.Height, s_paddle));
        Assert.Single(DbPostProcessor.Process(map.Values, map.Width, map.Height, map.Width, map.Height, s_paddle with { BoxThreshold = 0.4f }));
    }

    [Fact]
    public void Squares_touching_only_at_a_corner_are_one_box()
    {
        ProbabilityMap touching = new ProbabilityMap(100, 60).Fill(10, 10, 10, 10, 0.9f).Fill(20, 20, 10, 10, 0.9f);
        ProbabilityMap apart = new ProbabilityMap(100, 60).Fill(10, 10, 10, 10, 0.9f).Fill(21, 21, 10, 10, 0.9f);
        DbSettings settings = s_paddle with { BoxThreshold = 0.3f };

        List<Quad> one = DbPostProcessor.Process(touching.Values, 100, 60, 100, 60, settings);
        List<Quad> two = DbPostProcessor.Process(apart.Values, 100, 60, 100, 60, settings);

        Quad box = Assert.Single(one);
        Assert.True(Inside(box, new ImagePoint(10, 10), 1) && Inside(box, new ImagePoint(29, 29), 1), $"{box} does not cover both squares");
        Assert.Equal(2, two.Count);
    }

    [Fact]
    public void Every_pixel_of_a_random_blob_lies_inside_its_box_before_unclip()
    {
        (ProbabilityMap map, List<List<ImagePoint>> blobs) = RandomBlobs(new Random(606));
        // No unclip and no scaling: the boxes are the minimum-area rectangles, rounded to whole pixels.
        DbSettings settings = s_paddle with { BoxThreshold = 0f, UnclipRatio = 0f, MinBoxSide = 0 };

        List<Quad> boxes = DbPostProcessor.Process(map.Values, map.Width, map.Height, map.Width, map.Height, settings);

        Assert.Equal(blobs.Count, boxes.Count);
        for (int i = 0; i < blobs.Count; i++)
        {
            List<ImagePoint> blob = blobs[i];
            Assert.True(boxes.Any(b => blob.All(p => Inside(b, p, 1))), $"blob {i} around {blob[0]} is not inside any box");
        }
    }

    [Fact]
    public void Every_pixel_of_a_random_blob_lies_inside_its_unclipped_box_in_image_coordinates()
    {
        (ProbabilityMap map, List<List<ImagePoint>> blobs) = RandomBlobs(new Random(707));
        DbSettings settings = s_paddle with { BoxThreshold = 0f };

        List<Quad> boxes = DbPostProcessor.Process(map.Values, map.Width, map.Height, map.Width * 2, map.Height * 2, settings);

        Assert.Equal(blobs.Count, boxes.Count);
        for (int i = 0; i < blobs.Count; i++)
        {
            ImagePoint[] scaled = blobs[i].Select(p => new ImagePoint(p.X * 2, p.Y * 2)).ToArray();
            Assert.True(boxes.Any(b => scaled.All(p => Inside(b, p, 1))), $"blob {i} is not inside any box");
        }
    }

    [Fact]
    public void Empty_map_gives_no_boxes()
    {
        var map = new ProbabilityMap(64, 32);

        Assert.Empty(DbPostProcessor.Process(map.Values, map.Width, map.Height, 640, 320, s_paddle));
    }

    [Fact]
    public void Boxes_are_clipped_to_the_image()
    {
        // A blob at the map's corner: unclipping pushes the box past the edges.
        ProbabilityMap map = new ProbabilityMap(100, 50).Fill(0, 0, 30, 10, 0.9f);

        Quad box = Assert.Single(DbPostProcessor.Process(map.Values, map.Width, map.Height, 200, 100, s_paddle));

        Assert.All(box.ToArray(), p =>
        {
            Assert.InRange(p.X, 0, 200);
            Assert.InRange(p.Y, 0, 100);
        });
        Assert.Equal(0f, box.MinX);
        Assert.Equal(0f, box.MinY);
    }

    /// <summary>The DB box of a filled rectangle whose pixel centres span [x0, x1] × [y0, y1], unclipped and scaled, as PaddleOCR computes it.</summary>
    private static Quad Expected(float x0, float y0, float x1, float y1, float ratio, float scale)
    {
        float w = x1 - x0, h = y1 - y0;
        float d = w * h * ratio / (2 * (w + h));
        float left = MathF.Round((x0 - d) * scale), right = MathF.Round((x1 + d) * scale);
        float top = MathF.Round((y0 - d) * scale), bottom = MathF.Round((y1 + d) * scale);
        return new Quad(new ImagePoint(left, top), new ImagePoint(right, top), new ImagePoint(right, bottom), new ImagePoint(left, bottom));
    }

    private static void AssertBox(Quad expected, Quad actual)
    {
        ImagePoint[] e = expected.ToArray(), a = actual.ToArray();
        for (int i = 0; i < 4; i++)
        {
            Assert.True(MathF.Abs(e[i].X - a[i].X) <= 1 && MathF.Abs(e[i].Y - a[i].Y) <= 1, $"corner {i}: expected {e[i]}, got {a[i]} (box {actual})");
        }
    }

    private static Quad Closest(List<Quad> boxes, float x, float y)
        => boxes.MinBy(b => MathF.Abs(((b.P0.X + b.P2.X) / 2) - x) + MathF.Abs(((b.P0.Y + b.P2.Y) / 2) - y));

    /// <summary>Whether <paramref name="p"/> lies inside the convex quad, or within <paramref name="tolerance"/> of it.</summary>
    private static bool Inside(Quad q, ImagePoint p, float tolerance)
    {
        ImagePoint[] c = q.ToArray();
        // Corners run clockwise on screen (y down), so inside is to the right of each edge.
        for (int i = 0; i < 4; i++)
        {
            ImagePoint a = c[i], b = c[(i + 1) % 4];
            float length = MathF.Sqrt(((b.X - a.X) * (b.X - a.X)) + ((b.Y - a.Y) * (b.Y - a.Y)));
            if (length == 0)
            {
                continue;
            }
            float side = (((b.X - a.X) * (p.Y - a.Y)) - ((b.Y - a.Y) * (p.X - a.X))) / length;
            if (side < -tolerance)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>One random-walk blob per 50×50 cell, drawn with a 5×5 brush so each is at least 5 pixels thick.</summary>
    private static (ProbabilityMap Map, List<List<ImagePoint>> Blobs) RandomBlobs(Random random)
    {
        const int cell = 50, brush = 5;
        var map = new ProbabilityMap(8 * cell, 6 * cell);
        var blobs = new List<List<ImagePoint>>();
        for (int cy = 0; cy < 6; cy++)
        {
            for (int cx = 0; cx < 8; cx++)
            {
                var pixels = new HashSet<(int X, int Y)>();
                int x = (cx * cell) + 22, y = (cy * cell) + 22;
                int steps = random.Next(20, 150);
                for (int s = 0; s < steps; s++)
                {
                    x = Math.Clamp(x + random.Next(-1, 2), (cx * cell) + 4, (cx * cell) + cell - brush - 4);
                    y = Math.Clamp(y + random.Next(-1, 2), (cy * cell) + 4, (cy * cell) + cell - brush - 4);
                    for (int by = 0; by < brush; by++)
                    {
                        for (int bx = 0; bx < brush; bx++)
                        {
                            pixels.Add((x + bx, y + by));
                        }
                    }
                }
                foreach ((int px, int py) in pixels)
                {
                    map[px, py] = 0.5f + (random.NextSingle() / 2);
                }
                blobs.Add(pixels.Select(p => new ImagePoint(p.X, p.Y)).ToList());
            }
        }
        return (map, blobs);
    }
}
