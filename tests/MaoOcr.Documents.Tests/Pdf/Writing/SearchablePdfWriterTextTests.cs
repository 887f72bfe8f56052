using MaoOcr.Documents.Pdf.Writing;
using MaoOcr.Testing;

namespace MaoOcr.Documents.Tests.Pdf.Writing;

/// <summary>The invisible text layer as poppler and qpdf read it: valid file, embedded font with ToUnicode, text in order, boxes in place.</summary>
public sealed class SearchablePdfWriterTextTests
{
    public static TheoryData<string> Languages => new() { "English", "Chinese", "Mixed" };

    private static string[] LinesOf(string language) => language switch
    {
        "English" => TestPages.English,
        "Chinese" => TestPages.Chinese,
        _ => TestPages.Mixed,
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_line_extracts_in_order_with_and_without_raw(string language)
    {
        using var directory = new TempDirectory();
        RenderedImage image = TestPages.Render(LinesOf(language));
        string pdf = TestPages.Write(directory, "page.pdf", writer => writer.AddImagePage(
            TestPages.RawImage(image), PdfPageSize.FromPixels(image.Width, image.Height, 150), TestPages.Lines(image)));

        PdfTools.AssertQpdfCheckClean(pdf);
        string expected = string.Join('\n', LinesOf(language));
        Assert.Equal(expected, PdfTools.Text(pdf).Trim().Replace("\n\n", "\n", StringComparison.Ordinal));
        Assert.Equal(expected, PdfTools.Text(pdf, raw: true).Trim());
    }

    [Fact]
    public void The_font_is_embedded_with_a_ToUnicode_map()
    {
        using var directory = new TempDirectory();
        RenderedImage image = TestPages.Render(TestPages.Mixed);
        string pdf = TestPages.Write(directory, "page.pdf", writer => writer.AddImagePage(
            TestPages.RawImage(image), PdfPageSize.FromPixels(image.Width, image.Height, 72), TestPages.Lines(image)));

        string[] rows = PdfTools.Fonts(pdf).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string font = Assert.Single(rows, row => row.StartsWith("GlyphLessFont", StringComparison.Ordinal));
        string[] columns = font.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // name, type (2 words), encoding, emb, sub, uni, object ID
        Assert.Equal(["GlyphLessFont", "CID", "TrueType", "Identity-H", "yes", "no", "yes"], columns[..7]);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Extracted_word_boxes_lie_inside_their_line_boxes(string language)
    {
        const double dpi = 150;
        const double tolerancePoints = 0.5;
        using var directory = new TempDirectory();
        RenderedImage image = TestPages.Render(LinesOf(language));
        string pdf = TestPages.Write(directory, "page.pdf", writer => writer.AddImagePage(
            TestPages.RawImage(image), PdfPageSize.FromPixels(image.Width, image.Height, dpi), TestPages.Lines(image)));

        IReadOnlyList<PdfTools.Word> words = PdfTools.Words(pdf);
        var expected = image.Lines.SelectMany(line => line.Text.Split(' ').Select(word => (Word: word, Line: line))).ToList();
        Assert.Equal(expected.Select(e => e.Word), words.Select(w => w.Text));
        double scale = 72 / dpi;
        for (int i = 0; i < words.Count; i++)
        {
            PixelRect box = expected[i].Line.Box.Bounds;
            PdfTools.Word word = words[i];
            Assert.True(
                word.XMin >= (box.Left * scale) - tolerancePoints && word.XMax <= (box.Right * scale) + tolerancePoints
                && word.YMin >= (box.Top * scale) - tolerancePoints && word.YMax <= (box.Bottom * scale) + tolerancePoints,
                $"'{word.Text}' at ({word.XMin}, {word.YMin})–({word.XMax}, {word.YMax}) is outside its line's box {box} × {scale}.");
        }
        // The line's text spans the line's box: the first word starts at its left edge and the last ends at its right.
        foreach (GroundTruthLine line in image.Lines)
        {
            var lineWords = words.Where(w => w.YMin >= (line.Box.Bounds.Top * scale) - tolerancePoints && w.YMax <= (line.Box.Bounds.Bottom * scale) + tolerancePoints).ToList();
            Assert.Equal(line.Box.Bounds.Left * scale, lineWords.Min(w => w.XMin), 0.5);
            Assert.Equal(line.Box.Bounds.Right * scale, lineWords.Max(w => w.XMax), 0.5);
            Assert.Equal(line.Box.Bounds.Height * scale, lineWords.Max(w => w.YMax - w.YMin), 0.5);
        }
    }

    [Fact]
    public void A_line_rotated_30_degrees_extracts_and_its_characters_follow_the_line()
    {
        using var directory = new TempDirectory();
        RenderedImage image = TestPages.Render(
            TestPages.English,
            effects: new ImageEffects { RotationDegrees = -30, OutputWidth = 900, OutputHeight = 700, FrameInset = 0.1f });
        PdfTextLine[] lines = TestPages.Lines(image);
        PdfTextLine first = lines[0];
        double angle = Math.Atan2(first.TopLeft.Y - first.TopRight.Y, first.TopRight.X - first.TopLeft.X) * 180 / Math.PI;
        Assert.Equal(30, angle, 0.5);
        string pdf = TestPages.Write(directory, "rotated.pdf", writer => writer.AddImagePage(
            TestPages.RawImage(image), PdfPageSize.FromPixels(image.Width, image.Height, 72), lines));

        PdfTools.AssertQpdfCheckClean(pdf);
        // Poppler's layout mode splits text that is neither horizontal nor vertical into pieces (it compares each
        // character's baseline with its word's); content order keeps every line together.
        Assert.Equal(TestPages.Normalise(string.Join(' ', TestPages.English)), TestPages.Normalise(PdfTools.Text(pdf, raw: true)));

        // Every extracted piece's centre lies inside the quad of the line it came from.
        IReadOnlyList<PdfTools.Word> words = PdfTools.Words(pdf);
        Assert.NotEmpty(words);
        foreach (PdfTools.Word word in words)
        {
            var centre = new PixelPoint((float)((word.XMin + word.XMax) / 2), (float)((word.YMin + word.YMax) / 2));
            Assert.Contains(image.Lines, line => line.Box.Contains(centre) && line.Text.Contains(word.Text, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("a (b) c\\d) ((e")]
    [InlineData("<< /Name [1 2] {x} % not a comment >>")]
    [InlineData("emoji 😀 and CJK Extension B 𠀀𠀁")]
    [InlineData("Straße café naïve Ωμέγα Привет")]
    public void Text_with_PDF_syntax_characters_and_any_Unicode_extracts_exactly(string text)
    {
        using var directory = new TempDirectory();
        string pdf = TestPages.Write(directory, "page.pdf", writer => writer.AddTextOnlyPage(
            new PdfPageSize(612, 792), 1224, 1584, [PdfTextLine.FromRectangle(text, 100, 100, 1100, 140)]));

        PdfTools.AssertQpdfCheckClean(pdf);
        Assert.Equal(text, PdfTools.Text(pdf, raw: true).Trim());
    }

    [Fact]
    public void Lines_are_written_in_the_order_given_not_the_order_on_the_page()
    {
        using var directory = new TempDirectory();
        // Two columns: the caller's reading order is the left column top to bottom, then the right.
        PdfTextLine[] lines =
        [
            PdfTextLine.FromRectangle("left one", 50, 100, 250, 130),
            PdfTextLine.FromRectangle("left two", 50, 200, 250, 230),
            PdfTextLine.FromRectangle("right one", 350, 100, 550, 130),
            PdfTextLine.FromRectangle("right two", 350, 200, 550, 230),
        ];
        string pdf = TestPages.Write(directory, "columns.pdf", writer => writer.AddTextOnlyPage(new PdfPageSize(600, 400), 600, 400, lines));

        Assert.Equal("left one\nleft two\nright one\nright two", PdfTools.Text(pdf, raw: true).Trim());
    }

    [Fact]
    public void More_distinct_characters_beyond_the_BMP_than_free_CIDs_become_replacement_characters()
    {
        using var directory = new TempDirectory();
        // 2048 CIDs (D800–DFFF) are free for characters outside the BMP; the 2049th distinct one is written as U+FFFD.
        var text = new System.Text.StringBuilder();
        for (int i = 0; i <= CidEncoder.LastSupplementaryCid - CidEncoder.FirstSupplementaryCid + 1; i++)
        {
            text.Append(char.ConvertFromUtf32(0x20000 + i));
        }
        string all = text.ToString();
        string pdf = TestPages.Write(directory, "many.pdf", writer => writer.AddTextOnlyPage(
            new PdfPageSize(612, 792), 612, 792, [PdfTextLine.FromRectangle(all, 10, 10, 600, 30)]));

        PdfTools.AssertQpdfCheckClean(pdf);
        string extracted = PdfTools.Text(pdf, raw: true).Trim();
        Assert.Equal(all[..^2] + "\uFFFD", extracted);
    }
}
