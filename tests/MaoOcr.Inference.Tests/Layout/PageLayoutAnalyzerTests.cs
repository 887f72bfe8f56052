using MaoOcr.Inference.Layout;
using MaoOcr.Inference.Pipeline;
using static MaoOcr.Inference.Tests.Layout.SyntheticPage;

namespace MaoOcr.Inference.Tests.Layout;

public sealed class PageLayoutAnalyzerTests
{
    [Fact]
    public void No_lines_give_no_blocks_and_no_text()
    {
        LayoutResult result = PageLayoutAnalyzer.Analyze([]);

        Assert.Empty(result.Lines);
        Assert.Empty(result.Blocks);
        Assert.Equal("", result.Text);
    }

    [Fact]
    public void One_line_is_one_block_boxed_by_the_line()
    {
        LayoutResult result = PageLayoutAnalyzer.Analyze([Line("Hello world", 10, 20, 200, 30)]);

        TextBlock block = Assert.Single(result.Blocks);
        Assert.Equal([0], block.Lines);
        Assert.Equal("Hello world", block.Text);
        Assert.Equal("Hello world", result.Text);
        AssertBox(block.Box, 10, 20, 210, 50);
    }

    [Fact]
    public void One_column_is_read_top_down_and_cut_into_paragraphs_at_wider_gaps()
    {
        var lines = new List<RecognizedLine>();
        AddColumn(lines, "P", left: 50, rows: [0, 1, 2, 4, 5], lastOfParagraph: [2, 5]);

        LayoutResult result = PageLayoutAnalyzer.Analyze(Shuffled(lines));

        Assert.Equal(["P1", "P2", "P3", "P4", "P5"], Order(result));
        Assert.Equal(["P1 P2 P3", "P4 P5"], Blocks(result));
        Assert.Equal("P1 P2 P3\n\nP4 P5", result.Text);
        AssertBox(result.Blocks[0].Box, 50, 120, 450, 200);
    }

    [Fact]
    public void Two_columns_are_read_one_after_the_other_between_a_full_width_title_and_footer()
    {
        LayoutResult result = PageLayoutAnalyzer.Analyze(Shuffled(TwoColumns()));

        Assert.Equal(TwoColumnOrder, Order(result));
        Assert.Equal(TwoColumnBlocks, Blocks(result));
        Assert.Equal(string.Join("\n\n", TwoColumnBlocks), result.Text);
    }

    [Fact]
    public void Block_line_indices_run_through_the_ordered_lines_once()
    {
        LayoutResult result = PageLayoutAnalyzer.Analyze(TwoColumns());

        Assert.Equal(Enumerable.Range(0, result.Lines.Count), result.Blocks.SelectMany(b => b.Lines));
    }

    [Fact]
    public void Three_columns_are_read_left_to_right()
    {
        var lines = new List<RecognizedLine> { Line("Headline across the page", 100, 30, 700, 50) };
        AddColumn(lines, "A", left: 40, rows: [0, 1, 2, 3], lastOfParagraph: [3], width: 260);
        AddColumn(lines, "B", left: 330, rows: [0, 1, 2], lastOfParagraph: [2], width: 260);
        AddColumn(lines, "C", left: 620, rows: [0, 1, 2, 3, 4], lastOfParagraph: [4], width: 260);

        LayoutResult result = PageLayoutAnalyzer.Analyze(Shuffled(lines));

        Assert.Equal(["Headline across the page", "A1 A2 A3 A4", "B1 B2 B3", "C1 C2 C3 C4 C5"], Blocks(result));
    }

    [Fact]
    public void Columns_whose_baselines_interleave_are_read_one_after_the_other()
    {
        // The right column's lines sit between the left column's rows, so no row gap crosses the page.
        var lines = new List<RecognizedLine>();
        for (int i = 0; i < 6; i++)
        {
            lines.Add(Line($"L{i + 1}", 50, 100 + (30 * i), 400));
            lines.Add(Line($"R{i + 1}", 490, 112 + (34 * i), 400, 24));
        }

        LayoutResult result = PageLayoutAnalyzer.Analyze(Shuffled(lines));

        Assert.Equal(["L1 L2 L3 L4 L5 L6", "R1 R2 R3 R4 R5 R6"], Blocks(result));
    }

    [Theory]
    [InlineData(2.5f)]
    [InlineData(-3f)]
    public void A_page_turned_a_few_degrees_reads_as_the_upright_page(float degrees)
    {
        RecognizedLine[] turned = Rotated(TwoColumns(), degrees, 470, 250);

        LayoutResult result = PageLayoutAnalyzer.Analyze(Shuffled(turned));

        Assert.Equal(TwoColumnOrder, Order(result));
        Assert.Equal(TwoColumnBlocks, Blocks(result));
    }

    [Fact]
    public void A_block_box_on_a_turned_page_is_turned_with_it()
    {
        RecognizedLine line = Line("Only", 100, 100, 300, 20);
        RecognizedLine turned = Rotated([line], 3f, 250, 110)[0];

        TextBlock block = Assert.Single(PageLayoutAnalyzer.Analyze([turned]).Blocks);

        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(turned.Box[i].X, block.Box[i].X, 2);
            Assert.Equal(turned.Box[i].Y, block.Box[i].Y, 2);
        }
    }

    [Fact]
    public void A_tall_title_is_a_block_of_its_own_even_when_set_close_to_the_text()
    {
        var lines = new List<RecognizedLine> { Line("Annual Report", 50, 60, 380, 52) };
        AddColumn(lines, "B", left: 50, rows: [0, 1, 2, 3], lastOfParagraph: [3]);

        LayoutResult result = PageLayoutAnalyzer.Analyze(Shuffled(lines));

        Assert.Equal(["Annual Report", "B1 B2 B3 B4"], Blocks(result));
    }

    [Fact]
    public void A_table_is_read_row_by_row_with_each_row_a_block()
    {
        var lines = new List<RecognizedLine>
        {
            Line("Intro one", 50, 40, 700),
            Line("Intro two", 50, 70, 420),
        };
        string[][] cells = [["Item", "Qty", "Price"], ["Apples", "12", "$4.50"], ["Pears", "3", "$1.20"], ["Plums", "150", "$30.00"]];
        for (int r = 0; r < cells.Length; r++)
        {
            float top = 130 + (30 * r);
            lines.Add(Line(cells[r][0], 50, top, 110));
            lines.Add(Line(cells[r][1], 300, top, 50));
            lines.Add(Line(cells[r][2], 500, top, 90));
        }
        lines.Add(Line("After the table", 50, 290, 600));

        LayoutResult result = PageLayoutAnalyzer.Analyze(Shuffled(lines));

        Assert.Equal(
            ["Intro one Intro two", "Item Qty Price", "Apples 12 $4.50", "Pears 3 $1.20", "Plums 150 $30.00", "After the table"],
            Blocks(result));
    }

    [Fact]
    public void A_table_in_a_column_is_read_row_by_row_inside_that_column()
    {
        var lines = new List<RecognizedLine>();
        AddColumn(lines, "L", left: 50, rows: [0, 1], lastOfParagraph: [1]);
        string[][] cells = [["k1", "v1"], ["k2", "v2"], ["k3", "v3"]];
        for (int r = 0; r < cells.Length; r++)
        {
            lines.Add(Line(cells[r][0], 50, 120 + (30 * (3 + r)), 60));
            lines.Add(Line(cells[r][1], 300, 120 + (30 * (3 + r)), 60));
        }
        AddColumn(lines, "R", left: 490, rows: [0, 1, 2, 3, 4, 5], lastOfParagraph: [5]);

        LayoutResult result = PageLayoutAnalyzer.Analyze(Shuffled(lines));

        Assert.Equal(["L1 L2", "k1 v1", "k2 v2", "k3 v3", "R1 R2 R3 R4 R5 R6"], Blocks(result));
    }

    [Fact]
    public void A_date_at_the_top_right_over_a_narrower_body_is_read_first()
    {
        // The date and the body share no x range: a staircase, not two columns.
        var lines = new List<RecognizedLine> { Line("12 March 2026", 600, 90, 200) };
        AddColumn(lines, "P", left: 50, rows: [0, 1, 2], lastOfParagraph: [2], width: 450);

        LayoutResult result = PageLayoutAnalyzer.Analyze(Shuffled(lines));

        Assert.Equal(["12 March 2026", "P1 P2 P3"], Blocks(result));
    }

    [Fact]
    public void A_label_over_a_paragraph_with_a_wide_gap_is_a_block_of_its_own()
    {
        var lines = new List<RecognizedLine> { Line("12 March 2026", 600, 40, 200) };
        AddColumn(lines, "P", left: 50, rows: [0, 1, 2], lastOfParagraph: [2], width: 750);

        LayoutResult result = PageLayoutAnalyzer.Analyze(lines);

        Assert.Equal(["12 March 2026", "P1 P2 P3"], Blocks(result));
    }

    [Fact]
    public void Pieces_of_one_line_stay_in_one_block_left_to_right()
    {
        // The detector split the second line at a wide space (narrower than a gutter).
        RecognizedLine[] lines = [Line("first line", 50, 100, 400), Line("second", 50, 130, 150), Line("half", 212, 131, 150)];

        LayoutResult result = PageLayoutAnalyzer.Analyze(Shuffled(lines));

        Assert.Equal(["first line second half"], Blocks(result));
    }

    [Fact]
    public void The_result_does_not_depend_on_the_input_order()
    {
        List<RecognizedLine> lines = TwoColumns();
        LayoutResult expected = PageLayoutAnalyzer.Analyze(lines);

        for (int seed = 0; seed < 5; seed++)
        {
            LayoutResult result = PageLayoutAnalyzer.Analyze(Shuffled(lines, seed));
            Assert.Equal(expected.Text, result.Text);
            Assert.Equal(expected.Lines, result.Lines);
        }
    }

    [Fact]
    public void Cjk_lines_of_a_block_join_without_spaces_and_blocks_with_a_blank_line()
    {
        RecognizedLine[] lines =
        [
            Line("本月生产计划完成率", 50, 100, 400),
            Line("为百分之九十八。", 50, 130, 300),
            Line("Next paragraph", 50, 220, 300),
        ];

        LayoutResult result = PageLayoutAnalyzer.Analyze(lines);

        Assert.Equal("本月生产计划完成率为百分之九十八。\n\nNext paragraph", result.Text);
    }

    internal static void AssertBox(IReadOnlyList<ImagePoint> box, float left, float top, float right, float bottom)
    {
        Assert.Equal([new ImagePoint(left, top), new ImagePoint(right, top), new ImagePoint(right, bottom), new ImagePoint(left, bottom)], box);
    }
}
