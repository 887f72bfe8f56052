using System.Diagnostics;
using MaoOcr.Inference.Layout;
using MaoOcr.Inference.Pipeline;
using static MaoOcr.Inference.Tests.Layout.SyntheticPage;

namespace MaoOcr.Inference.Tests.Layout;

/// <summary>Boxes no detector should produce: the analysis must neither crash nor hang, and must keep every usable line once.</summary>
public sealed class HostileBoxTests
{
    [Fact]
    public void Lines_with_non_finite_missing_or_far_off_corners_are_left_out()
    {
        RecognizedLine good = Line("kept", 10, 10, 100);
        RecognizedLine[] lines =
        [
            good,
            new("nan", 1f, [new(float.NaN, 0), new(10, 0), new(10, 10), new(0, 10)]),
            new("infinite", 1f, [new(0, 0), new(float.PositiveInfinity, 0), new(10, 10), new(0, 10)]),
            new("far", 1f, [new(0, 0), new(3e38f, 0), new(3e38f, 10), new(0, 10)]),
            new("three corners", 1f, [new(0, 0), new(10, 0), new(10, 10)]),
            new("no box", 1f, null!),
            null!,
        ];

        LayoutResult result = PageLayoutAnalyzer.Analyze(lines);

        Assert.Equal([good], result.Lines);
        Assert.Equal("kept", result.Text);
    }

    [Fact]
    public void Zero_size_and_identical_boxes_are_kept_with_finite_block_boxes()
    {
        var lines = new List<RecognizedLine>();
        for (int i = 0; i < 50; i++)
        {
            lines.Add(new RecognizedLine($"p{i}", 1f, [new(5, 5), new(5, 5), new(5, 5), new(5, 5)]));
            lines.Add(Line($"same{i}", 100, 100, 50));
            lines.Add(new RecognizedLine($"flat{i}", 1f, [new(200, 300), new(400, 300), new(400, 300), new(200, 300)]));
        }

        LayoutResult result = PageLayoutAnalyzer.Analyze(lines);

        AssertEveryLineOnce(lines, result);
        Assert.All(result.Blocks.SelectMany(b => b.Box), p => Assert.True(float.IsFinite(p.X) && float.IsFinite(p.Y)));
    }

    [Fact]
    public void Lines_with_empty_text_take_a_place_but_add_no_text()
    {
        LayoutResult result = PageLayoutAnalyzer.Analyze([Line("", 10, 10, 100), Line("  ", 10, 40, 100), Line("x", 10, 200, 100)]);

        Assert.Equal(3, result.Lines.Count);
        Assert.Equal("x", result.Text);
    }

    [Fact]
    public void Two_thousand_random_boxes_are_laid_out_quickly_each_line_once()
    {
        var random = new Random(11);
        var lines = new List<RecognizedLine>(2000);
        for (int i = 0; i < 2000; i++)
        {
            float x = random.NextSingle() * 3000, y = random.NextSingle() * 4000;
            lines.Add(Line($"r{i}", x, y, 5 + (random.NextSingle() * 600), 2 + (random.NextSingle() * 60)));
        }

        var watch = Stopwatch.StartNew();
        LayoutResult result = PageLayoutAnalyzer.Analyze(lines);
        watch.Stop();

        AssertEveryLineOnce(lines, result);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_long_staircase_beside_a_ragged_grid_keeps_every_line_once()
    {
        // A staircase of short lines, each right of and below the last, and a grid of 40 × 40 cells.
        var lines = new List<RecognizedLine>();
        for (int i = 0; i < 500; i++)
        {
            lines.Add(Line($"s{i}", i * 60, i * 30, 20));
        }
        for (int r = 0; r < 40; r++)
        {
            for (int c = 0; c < 40; c++)
            {
                lines.Add(Line($"g{r}.{c}", 40_000 + (c * 80), (r * 30) + ((c % 3) * 12), 40));
            }
        }

        LayoutResult result = PageLayoutAnalyzer.Analyze(lines);

        AssertEveryLineOnce(lines, result);
        Assert.Equal("s0", result.Lines[0].Text);
    }

    [Fact]
    public void Columns_nested_two_hundred_deep_are_cut_to_the_depth_bound_and_read_in_order()
    {
        // Level k: a line T_k across everything to its right, then under it a short line S_k on the left beside
        // level k + 1. Each level is a band of one line over a band of two columns, the right one the next level.
        var lines = new List<RecognizedLine>();
        var expected = new List<string>();
        for (int k = 0; k < 200; k++)
        {
            lines.Add(Line($"T{k}", 50 * k, 30 * k, 20_000 - (50 * k)));
            lines.Add(Line($"S{k}", 50 * k, 30 * (k + 1), 30));
            expected.Add($"T{k}");
            expected.Add($"S{k}");
        }

        LayoutResult result = PageLayoutAnalyzer.Analyze(Shuffled(lines));

        AssertEveryLineOnce(lines, result);
        Assert.Equal(expected, Order(result));
    }

    private static void AssertEveryLineOnce(List<RecognizedLine> input, LayoutResult result)
    {
        Assert.Equal(input.Count, result.Lines.Count);
        Assert.Equal(input.Count, result.Lines.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, result.Lines.Count), result.Blocks.SelectMany(b => b.Lines));
    }
}
