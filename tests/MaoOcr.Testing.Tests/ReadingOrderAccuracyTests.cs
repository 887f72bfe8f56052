namespace MaoOcr.Testing.Tests;

public sealed class ReadingOrderAccuracyTests
{
    private static readonly string[] s_twoColumns = ["L1", "L2", "L3", "L4", "L5", "L6", "R1", "R2", "R3", "R4", "R5", "R6"];

    [Fact]
    public void The_truth_order_scores_one_and_its_reverse_zero()
    {
        Assert.Equal(1.0, TextMetrics.ReadingOrderAccuracy(s_twoColumns, s_twoColumns));
        Assert.Equal(0.0, TextMetrics.ReadingOrderAccuracy(s_twoColumns, s_twoColumns.Reverse().ToArray()));
    }

    [Fact]
    public void Reading_two_columns_row_by_row_breaks_every_transition()
    {
        string[] acrossRows = ["L1", "R1", "L2", "R2", "L3", "R3", "L4", "R4", "L5", "R5", "L6", "R6"];

        Assert.Equal(0.0, TextMetrics.ReadingOrderAccuracy(s_twoColumns, acrossRows));
    }

    [Fact]
    public void Columns_swapped_break_one_transition_of_eleven_and_add_one()
    {
        string[] swapped = ["R1", "R2", "R3", "R4", "R5", "R6", "L1", "L2", "L3", "L4", "L5", "L6"];

        // L6→R1 is lost; the other ten transitions stand.
        Assert.Equal(10.0 / 11, TextMetrics.ReadingOrderAccuracy(s_twoColumns, swapped), 9);
    }

    [Fact]
    public void Items_missing_from_either_order_are_left_out_and_repeats_count_once()
    {
        Assert.Equal(1.0, TextMetrics.ReadingOrderAccuracy(["a", "b", "c", "d"], ["a", "x", "c", "a", "d"]));
        Assert.Equal(1.0, TextMetrics.ReadingOrderAccuracy(["a"], Array.Empty<string>()));
        Assert.Throws<ArgumentException>(() => TextMetrics.ReadingOrderAccuracy(["a", "a"], ["a"]));
    }

    [Fact]
    public void Predicted_lines_stand_for_the_truth_lines_they_overlap()
    {
        GroundTruthLine[] truth = [Line("top", 0), Line("middle", 40), Line("bottom", 80)];
        // The middle line read in two pieces, one stray prediction, and the bottom line read first.
        PredictedLine[] predicted =
        [
            new("bottom", Box(0, 81, 100, 20)),
            new("top", Box(0, 1, 100, 20)),
            new("mid", Box(0, 40, 50, 20)),
            new("stray", Box(500, 500, 10, 10)),
            new("dle", Box(50, 40, 50, 20)),
        ];

        // Order bottom, top, middle: top→middle holds, middle→bottom does not.
        Assert.Equal(0.5, TextMetrics.ReadingOrderAccuracy(truth, predicted), 9);
    }

    private static GroundTruthLine Line(string text, float top) => new(text, Box(0, top, 100, 20));

    private static Quad Box(float left, float top, float width, float height) =>
        Quad.FromRect(new PixelRect(left, top, left + width, top + height));
}
