using System.Globalization;
using SkiaSharp;

namespace MaoOcr.Testing.Evaluation;

/// <summary>
/// Lays out an application window: a coloured top bar, a side menu, a heading and one or two of summary cards,
/// a form with buttons, or a table. Separate labels are kept at least two and a half font sizes apart so that
/// each is its own line, as a user would read it.
/// </summary>
internal static class ScreenshotComposer
{
    private static readonly (int Width, int Height)[] s_sizes = [(1280, 800), (1366, 768), (1024, 768), (1440, 900)];

    private static readonly SKColor[] s_accents =
    [
        new(0x25, 0x63, 0xEB), new(0x15, 0x80, 0x3D), new(0x7C, 0x3A, 0xED), new(0x0F, 0x76, 0x6E), new(0xC2, 0x41, 0x0C), new(0xB9, 0x1C, 0x1C),
    ];

    // Pill colours: light fills with dark text, readable on light and dark themes alike.
    private static readonly (SKColor Fill, SKColor Text)[] s_pills =
    [
        (new(0xDC, 0xFC, 0xE7), new(0x16, 0x65, 0x34)), (new(0xFE, 0xF3, 0xC7), new(0x92, 0x40, 0x0E)),
        (new(0xDB, 0xEA, 0xFE), new(0x1E, 0x40, 0xAF)), (new(0xFE, 0xE2, 0xE2), new(0x99, 0x1B, 0x1B)),
    ];

    private sealed record Theme(SKColor Page, SKColor Sidebar, SKColor Text, SKColor Muted, SKColor Panel, SKColor Border, SKColor HeaderRow, SKColor AltRow, SKColor Accent);

    public static TextScene Compose(Random random, bool chinese)
    {
        UiCorpus ui = chinese ? UiCorpus.Chinese : UiCorpus.English;
        (int width, int height) = s_sizes[random.Next(s_sizes.Length)];
        SKColor accent = s_accents[random.Next(s_accents.Length)];
        bool dark = random.Next(3) == 0;
        Theme theme = dark
            ? new Theme(new(0x1E, 0x1F, 0x24), new(0x26, 0x28, 0x2E), new(0xE6, 0xE8, 0xEB), new(0xA0, 0xA6, 0xB0), new(0x2A, 0x2C, 0x33), new(0x4A, 0x4E, 0x58), new(0x30, 0x33, 0x3B), new(0x24, 0x26, 0x2B), accent)
            : new Theme(new(0xF5, 0xF6, 0xF8), random.Next(2) == 0 ? SKColors.White : new(0xEC, 0xEF, 0xF3), new(0x1F, 0x23, 0x28), new(0x5A, 0x62, 0x70), SKColors.White, new(0xC9, 0xCE, 0xD6), new(0xE8, 0xEB, 0xEF), new(0xF7, 0xF8, 0xFA), accent);

        TestFont regular = chinese
            ? (random.Next(2) == 0 ? TestFonts.NotoSansCjkSc : TestFonts.WenQuanYiMicroHei)
            : (random.Next(2) == 0 ? TestFonts.DejaVuSans : TestFonts.LiberationSans);
        TestFont bold = chinese ? TestFonts.NotoSansCjkScBold : (regular == TestFonts.DejaVuSans ? TestFonts.DejaVuSansBold : TestFonts.LiberationSansBold);
        float size = random.Next(15, 20);

        var scene = new TextScene(width, height) { Background = SceneBackground.Solid(theme.Page) };
        var builder = new Builder(scene);

        // Top bar: app name on the left, user on the right.
        float bar = random.Next(52, 66);
        builder.Rect(new PixelRect(0, 0, width, bar), accent);
        builder.TextLeft(Pick(random, ui.AppNames), 24, bar / 2, bold, size + 4, SKColors.White);
        builder.TextRight(Pick(random, ui.User), width - 24, bar / 2, regular, size, SKColors.White);

        // Side menu with one item selected.
        float side = random.Next(190, 240);
        builder.Rect(new PixelRect(0, bar, side, height), theme.Sidebar);
        string[] menu = Shuffle(random, ui.Menu).Take(random.Next(6, 10)).ToArray();
        float step = random.Next(44, 53);
        int selected = random.Next(menu.Length);
        for (int i = 0; i < menu.Length; i++)
        {
            float centre = bar + 20 + (step * i) + (step / 2);
            if (centre + (step / 2) > height - 8)
            {
                break;
            }
            bool isSelected = i == selected;
            if (isSelected)
            {
                builder.Rect(new PixelRect(8, centre - (step / 2) + 4, side - 8, centre + (step / 2) - 4), accent, 6);
            }
            builder.TextLeft(menu[i], 28, centre, regular, size, isSelected ? SKColors.White : theme.Text);
        }

        // Content: heading, then sections while they fit.
        float left = side + 40;
        float right = width - 40;
        float y = bar + 36;
        y = builder.TextLeft(Pick(random, ui.PageTitles), left, y + size, bold, size + 8, theme.Text) + (size * 1.6f);

        if (random.Next(2) == 0 && y + 120 < height - 40)
        {
            y = Cards(builder, random, ui, theme, regular, bold, size, left, right, y) + (size * 1.6f);
        }
        bool formFirst = random.Next(2) == 0;
        y = formFirst
            ? Form(builder, random, ui, theme, regular, size, left, right, y, height - 30)
            : Table(builder, random, ui, theme, regular, bold, size, left, right, y, height - 30);
        // A form that leaves room for a header and four rows gets a table under it.
        if (formFirst && y + (size * 1.6f) + (5 * size * 2.5f) < height - 30)
        {
            Table(builder, random, ui, theme, regular, bold, size, left, right, y + (size * 1.6f), height - 30);
        }
        return scene;
    }

    private static float Cards(Builder builder, Random random, UiCorpus ui, Theme theme, TestFont regular, TestFont bold, float size, float left, float right, float top)
    {
        const int Count = 3;
        float gap = 24;
        float cardWidth = (right - left - (gap * (Count - 1))) / Count;
        float cardHeight = 110;
        string[] captions = Shuffle(random, ui.CardCaptions).Take(Count).ToArray();
        for (int i = 0; i < Count; i++)
        {
            float x = left + (i * (cardWidth + gap));
            builder.Rect(new PixelRect(x, top, x + cardWidth, top + cardHeight), theme.Panel, 10, theme.Border);
            builder.TextLeft(captions[i], x + 18, top + 30, regular, size - 1, theme.Muted);
            string figure = random.Next(3) switch
            {
                0 => random.Next(12, 980).ToString(CultureInfo.InvariantCulture),
                1 => (random.Next(1000, 99999) / 10.0).ToString("F1", CultureInfo.InvariantCulture) + "%",
                _ => random.Next(1000, 99999).ToString("N0", CultureInfo.InvariantCulture),
            };
            builder.TextLeft(figure, x + 18, top + 74, bold, size + 12, theme.Text);
        }
        return top + cardHeight;
    }

    private static float Form(Builder builder, Random random, UiCorpus ui, Theme theme, TestFont regular, float size, float left, float right, float top, float bottom)
    {
        int rows = random.Next(4, 7);
        int[] fields = Shuffle(random, Enumerable.Range(0, ui.Fields.Count).ToList()).Take(rows).ToArray();
        float labelColumn = fields.Max(f => Builder.Measure(ui.Fields[f], regular, size)) + (size * 2.5f);
        float boxHeight = size * 2.3f;
        float rowStep = boxHeight + random.Next(12, 22);
        float boxLeft = left + labelColumn;
        float boxRight = Math.Min(right, boxLeft + random.Next(320, 440));
        float y = top;
        foreach (int f in fields)
        {
            if (y + boxHeight > bottom - (size * 3))
            {
                break;
            }
            float centre = y + (boxHeight / 2);
            builder.TextLeft(ui.Fields[f], left, centre, regular, size, theme.Muted);
            builder.Rect(new PixelRect(boxLeft, y, boxRight, y + boxHeight), theme.Panel, 4, theme.Border);
            builder.TextLeft(ui.Values[f], boxLeft + 12, centre, regular, size, theme.Text);
            y += rowStep;
        }

        // Buttons: the first is the primary action in the accent colour.
        y += 8;
        float buttonHeight = size * 2.4f;
        float x = boxLeft;
        string[] buttons = Shuffle(random, ui.Buttons).Take(random.Next(2, 4)).ToArray();
        for (int i = 0; i < buttons.Length && y + buttonHeight <= bottom; i++)
        {
            float padding = 24;
            float buttonWidth = Builder.Measure(buttons[i], regular, size) + (2 * padding);
            if (x + buttonWidth > right)
            {
                break;
            }
            bool primary = i == 0;
            builder.Rect(new PixelRect(x, y, x + buttonWidth, y + buttonHeight), primary ? theme.Accent : theme.Panel, 6, primary ? null : theme.Border);
            builder.TextCentred(buttons[i], x + (buttonWidth / 2), y + (buttonHeight / 2), regular, size, primary ? SKColors.White : theme.Text);
            x += buttonWidth + 20;
        }
        return y + buttonHeight;
    }

    private static float Table(Builder builder, Random random, UiCorpus ui, Theme theme, TestFont regular, TestFont bold, float size, float left, float right, float top, float bottom)
    {
        // Columns: an id, a person, a status pill, an amount and a date, dropped from the end while too wide.
        int rows = random.Next(4, 8);
        string[] headers = [ui.Columns[0], ui.Columns[5], ui.Columns[2], ui.Columns[3], ui.Columns[4]];
        var cells = new string[rows][];
        for (int r = 0; r < rows; r++)
        {
            cells[r] =
            [
                random.Next(10000, 99999).ToString(CultureInfo.InvariantCulture),
                Pick(random, ui.People),
                Pick(random, ui.Statuses),
                (random.Next(1000, 999999) / 100.0).ToString("N2", CultureInfo.InvariantCulture),
                $"2025-{random.Next(1, 13):D2}-{random.Next(1, 29):D2}",
            ];
        }
        float gap = size * 3f;
        var widths = new List<float>();
        for (int c = 0; c < headers.Length; c++)
        {
            float widest = Math.Max(Builder.Measure(headers[c], bold, size), cells.Max(row => Builder.Measure(row[c], regular, size)));
            widths.Add(widest + gap);
        }
        int columns = headers.Length;
        while (columns > 2 && widths.Take(columns).Sum() + 32 > right - left)
        {
            columns--;
        }

        float rowHeight = size * 2.5f;
        float tableRight = Math.Min(right, left + widths.Take(columns).Sum() + 32);
        float y = top;
        builder.Rect(new PixelRect(left, y, tableRight, y + rowHeight), theme.HeaderRow, 4);
        float x = left + 16;
        for (int c = 0; c < columns; c++)
        {
            builder.TextLeft(headers[c], x, y + (rowHeight / 2), bold, size, theme.Text);
            x += widths[c];
        }
        y += rowHeight;
        for (int r = 0; r < rows && y + rowHeight <= bottom; r++)
        {
            builder.Rect(new PixelRect(left, y, tableRight, y + rowHeight), r % 2 == 1 ? theme.AltRow : theme.Panel);
            x = left + 16;
            for (int c = 0; c < columns; c++)
            {
                float centre = y + (rowHeight / 2);
                if (c == 2)
                {
                    (SKColor fill, SKColor text) = s_pills[Array.IndexOf(ui.Statuses.ToArray(), cells[r][c]) % s_pills.Length];
                    float pillWidth = Builder.Measure(cells[r][c], regular, size - 1) + 20;
                    builder.Rect(new PixelRect(x - 10, centre - (size * 0.85f), x - 10 + pillWidth, centre + (size * 0.85f)), fill, size * 0.85f);
                    builder.TextLeft(cells[r][c], x, centre, regular, size - 1, text);
                }
                else
                {
                    builder.TextLeft(cells[r][c], x, centre, regular, size, theme.Text);
                }
                x += widths[c];
            }
            y += rowHeight;
        }
        return y;
    }

    private static string Pick(Random random, IReadOnlyList<string> items) => items[random.Next(items.Count)];

    private static List<T> Shuffle<T>(Random random, IReadOnlyList<T> items)
    {
        var list = items.ToList();
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }

    /// <summary>Places text by its ink: left-aligned, right-aligned or centred on a point, vertically centred on a y.</summary>
    private sealed class Builder(TextScene scene)
    {
        public void Rect(PixelRect rect, SKColor fill, float radius = 0, SKColor? stroke = null) =>
            scene.Shapes.Add(new SceneShape(rect, fill, radius, stroke, 1));

        public static float Measure(string text, TestFont face, float size)
        {
            using SKFont font = TextImageRenderer.CreateFont(face, size);
            return font.MeasureText(text);
        }

        /// <summary>Returns the bottom of the text's ink.</summary>
        public float TextLeft(string text, float x, float centreY, TestFont face, float size, SKColor color)
        {
            (SKRect ink, _) = Ink(text, face, size);
            float baseline = centreY - ((ink.Top + ink.Bottom) / 2);
            scene.Texts.Add(new SceneText(text, x, baseline, face, size, color));
            return baseline + ink.Bottom;
        }

        public void TextRight(string text, float right, float centreY, TestFont face, float size, SKColor color)
        {
            (_, float advance) = Ink(text, face, size);
            TextLeft(text, right - advance, centreY, face, size, color);
        }

        public void TextCentred(string text, float centreX, float centreY, TestFont face, float size, SKColor color)
        {
            (SKRect ink, _) = Ink(text, face, size);
            TextLeft(text, centreX - ((ink.Left + ink.Right) / 2), centreY, face, size, color);
        }

        private static (SKRect Ink, float Advance) Ink(string text, TestFont face, float size)
        {
            using SKFont font = TextImageRenderer.CreateFont(face, size);
            float advance = font.MeasureText(text, out SKRect ink);
            return (ink, advance);
        }
    }
}
