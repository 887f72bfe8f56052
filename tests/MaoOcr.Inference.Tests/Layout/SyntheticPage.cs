using MaoOcr.Inference.Layout;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Inference.Tests.Layout;

/// <summary>Recognised lines placed by hand, and what the analyser made of them in a form assertions can compare.</summary>
internal static class SyntheticPage
{
    /// <summary>An upright line box, in pixels.</summary>
    public static RecognizedLine Line(string text, float left, float top, float width, float height = 20) =>
        new(text, 0.99f, [new(left, top), new(left + width, top), new(left + width, top + height), new(left, top + height)]);

    /// <summary>The lines turned by <paramref name="degrees"/> (clockwise, as y points down) about a centre.</summary>
    public static RecognizedLine[] Rotated(IEnumerable<RecognizedLine> lines, float degrees, float centreX, float centreY)
    {
        float radians = degrees * MathF.PI / 180f, cos = MathF.Cos(radians), sin = MathF.Sin(radians);
        return [.. lines.Select(line => line with
        {
            Box = [.. line.Box.Select(p => new ImagePoint(
                centreX + ((p.X - centreX) * cos) - ((p.Y - centreY) * sin),
                centreY + ((p.X - centreX) * sin) + ((p.Y - centreY) * cos)))],
        })];
    }

    /// <summary>The same lines in a fixed scrambled order.</summary>
    public static RecognizedLine[] Shuffled(IEnumerable<RecognizedLine> lines, int seed = 7)
    {
        RecognizedLine[] copy = [.. lines];
        new Random(seed).Shuffle(copy);
        return copy;
    }

    /// <summary>The texts of the result's lines, in its order.</summary>
    public static string[] Order(LayoutResult result) => [.. result.Lines.Select(l => l.Text)];

    /// <summary>Each block as the texts of its lines, space-separated: "L1 L2 L3".</summary>
    public static string[] Blocks(LayoutResult result) =>
        [.. result.Blocks.Select(b => string.Join(' ', b.Lines.Select(i => result.Lines[i].Text)))];

    /// <summary>
    /// A two-column page: a full-width title, a left column of two paragraphs (L1–L4, L5–L7) and a right column of
    /// two (R1–R5, R6–R7) on one baseline grid, then a short footer centred across the gutter.
    /// Lines are 20 px tall at a 30 px pitch; columns 400 px wide with a 40 px gutter.
    /// </summary>
    public static List<RecognizedLine> TwoColumns()
    {
        var lines = new List<RecognizedLine> { Line("Title", 200, 40, 540, 40) };
        AddColumn(lines, "L", left: 50, rows: [0, 1, 2, 3, 5, 6, 7], lastOfParagraph: [3, 7]);
        AddColumn(lines, "R", left: 490, rows: [0, 1, 2, 3, 4, 6, 7], lastOfParagraph: [4, 7]);
        lines.Add(Line("Footer", 400, 400, 140, 16));
        return lines;
    }

    public static readonly string[] TwoColumnOrder =
        ["Title", "L1", "L2", "L3", "L4", "L5", "L6", "L7", "R1", "R2", "R3", "R4", "R5", "R6", "R7", "Footer"];

    public static readonly string[] TwoColumnBlocks =
        ["Title", "L1 L2 L3 L4", "L5 L6 L7", "R1 R2 R3 R4 R5", "R6 R7", "Footer"];

    /// <summary>Lines of a column at rows of the 30 px grid from y = 120, numbered in order; paragraphs end with a shorter line.</summary>
    public static void AddColumn(List<RecognizedLine> lines, string prefix, float left, int[] rows, int[] lastOfParagraph, float width = 400)
    {
        for (int i = 0; i < rows.Length; i++)
        {
            float w = lastOfParagraph.Contains(rows[i]) ? width * 0.6f : width;
            lines.Add(Line($"{prefix}{i + 1}", left, 120 + (30 * rows[i]), w));
        }
    }
}
