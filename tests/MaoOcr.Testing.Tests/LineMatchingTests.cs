namespace MaoOcr.Testing.Tests;

public sealed class LineMatchingTests
{
    private static Quad Rect(float left, float top, float right, float bottom) => Quad.FromRect(new PixelRect(left, top, right, bottom));

    private static readonly GroundTruthLine[] s_truth =
    [
        new("Invoice INV-20417", Rect(100, 100, 500, 130)),
        new("Total due: $1,284.50", Rect(100, 160, 560, 190)),
        new("仓库温度正常", Rect(100, 220, 400, 250)),
    ];

    [Fact]
    public void A_perfect_reading_scores_zero_cer_and_full_recall()
    {
        PredictedLine[] predicted = s_truth.Select(t => new PredictedLine(t.Text, t.Box)).ToArray();
        PageScore score = TextMetrics.ScorePage(s_truth, predicted);
        Assert.Equal(0, score.Edits);
        Assert.Equal(3, score.RecalledLines);
        Assert.Equal(1.0, score.LineRecall);
        Assert.Equal(0, score.UnmatchedPredictedLines);
    }

    [Fact]
    public void A_line_read_in_pieces_is_joined_again()
    {
        PredictedLine[] predicted =
        [
            new("$1,284.50", Rect(400, 158, 562, 192)),
            new("Total due:", Rect(98, 158, 300, 192)),
            new("Invoice INV-20417", Rect(98, 98, 502, 132)),
            new("仓库温度正常", Rect(98, 218, 402, 252)),
        ];
        LineMatchResult match = TextMetrics.MatchLines(s_truth, predicted);
        Assert.Equal("Total due: $1,284.50", match.Lines[1].MatchedText);
        Assert.Equal(2, match.Lines[1].MatchedCount);
        Assert.Equal(0.0, match.Lines[1].Cer);
        Assert.Equal(1.0, TextMetrics.LineRecall(s_truth, predicted));
        Assert.Equal(0, TextMetrics.ScorePage(s_truth, predicted).Edits);
    }

    [Fact]
    public void Missing_lines_cost_their_length_and_extra_lines_cost_theirs()
    {
        PredictedLine[] predicted =
        [
            new("Invoice INV-20417", s_truth[0].Box),
            new("ghost", Rect(700, 700, 800, 730)),
        ];
        PageScore score = TextMetrics.ScorePage(s_truth, predicted);
        int missing = TextMetrics.CountCharacters(s_truth[1].Text) + TextMetrics.CountCharacters(s_truth[2].Text);
        Assert.Equal(missing + 5, score.Edits);
        Assert.Equal(1, score.UnmatchedPredictedLines);
        Assert.Equal(1, score.RecalledLines);
    }

    [Fact]
    public void A_row_merged_into_one_line_keeps_its_characters_but_loses_recall()
    {
        GroundTruthLine[] truth =
        [
            new("Save", Rect(100, 100, 150, 120)),
            new("Cancel", Rect(300, 100, 380, 120)),
        ];
        PredictedLine[] predicted = [new("Save Cancel", Rect(95, 95, 385, 125))];
        PageScore score = TextMetrics.ScorePage(truth, predicted);
        Assert.Equal(0, score.Edits);
        Assert.True(score.RecalledLines < 2);
    }

    [Fact]
    public void A_line_with_too_many_errors_is_not_recalled()
    {
        PredictedLine[] predicted = [new("Invoice XXX-99999", s_truth[0].Box)];
        LineMatchResult match = TextMetrics.MatchLines(s_truth[..1], predicted);
        Assert.True(match.Lines[0].Cer > TextMetrics.DefaultRecallMaxCer);
        Assert.Equal(0.0, TextMetrics.LineRecall(s_truth[..1], predicted));
    }

    [Fact]
    public void A_box_on_the_wrong_line_does_not_count()
    {
        PredictedLine[] predicted = [new("Invoice INV-20417", Rect(100, 400, 500, 430))];
        Assert.Equal(0.0, TextMetrics.LineRecall(s_truth[..1], predicted));
    }

    [Fact]
    public void Neighbouring_lines_on_a_rotated_page_are_told_apart()
    {
        // Two long lines turned by 5 degrees: their axis-aligned bounds overlap by more than half, their quads do not.
        GroundTruthLine Turned(string text, float y)
        {
            double a = 5 * Math.PI / 180;
            PixelPoint P(float x, float yy) => new((float)((x * Math.Cos(a)) - (yy * Math.Sin(a))), (float)((x * Math.Sin(a)) + (yy * Math.Cos(a))));
            return new GroundTruthLine(text, new Quad(P(100, y), P(1100, y), P(1100, y + 25), P(100, y + 25)));
        }
        GroundTruthLine first = Turned("first line of text", 100), second = Turned("second line of text", 140);
        Assert.False(TextMetrics.Overlaps(first.Box, second.Box));
        LineMatchResult match = TextMetrics.MatchLines([first, second], [new PredictedLine(second.Text, second.Box), new PredictedLine(first.Text, first.Box)]);
        Assert.All(match.Lines, m => Assert.Equal(0, m.Edits));
    }
}
