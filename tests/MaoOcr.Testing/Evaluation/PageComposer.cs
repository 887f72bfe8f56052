using SkiaSharp;

namespace MaoOcr.Testing.Evaluation;

/// <summary>What a composed page holds.</summary>
internal enum PageContent
{
    English,
    Chinese,

    /// <summary>Chinese paragraphs, some with English words, interleaved with English paragraphs.</summary>
    Mixed,
}

/// <summary>The layout of a page of prose: an optional heading and details line, then wrapped paragraphs.</summary>
internal sealed record PageSpec(
    int Width,
    int Height,
    PageContent Content,
    TestFont Body,
    TestFont Heading,
    float BodySize,
    float Margin,
    float LineSpacing,
    int Lines,
    bool WithHeading,
    SceneBackground Background,
    SKColor Ink);

/// <summary>Lays out document text on a scene. Lines are placed until <see cref="PageSpec.Lines"/> or the bottom margin is reached.</summary>
internal static class PageComposer
{
    public static TextScene Compose(PageSpec spec, Random random)
    {
        var scene = new TextScene(spec.Width, spec.Height) { Background = spec.Background };
        float maxWidth = spec.Width - (2 * spec.Margin);
        float bottom = spec.Height - spec.Margin;
        float y = spec.Margin;
        int placed = 0;

        bool TryPlace(string text, TestFont face, float size, SKColor color, float spacing)
        {
            using SKFont font = TextImageRenderer.CreateFont(face, size);
            float baseline = y - font.Metrics.Ascent;
            if (placed >= spec.Lines || baseline + font.Metrics.Descent > bottom)
            {
                return false;
            }
            scene.Texts.Add(new SceneText(text, spec.Margin, baseline, face, size, color));
            y += size * spacing;
            placed++;
            return true;
        }

        if (spec.WithHeading)
        {
            bool chineseHeading = spec.Content != PageContent.English;
            string title = chineseHeading ? ChineseCorpus.Title(random) : EnglishCorpus.Title(random);
            TryPlace(title, spec.Heading, spec.BodySize * 1.6f, spec.Ink, 1.5f);
            string meta = chineseHeading ? ChineseCorpus.MetaLine(random) : EnglishCorpus.MetaLine(random);
            var muted = new SKColor(Lift(spec.Ink.Red), Lift(spec.Ink.Green), Lift(spec.Ink.Blue));
            TryPlace(meta, spec.Body, spec.BodySize * 0.85f, muted, 2.0f);
        }

        using SKFont body = TextImageRenderer.CreateFont(spec.Body, spec.BodySize);
        while (placed < spec.Lines)
        {
            string paragraph = spec.Content switch
            {
                PageContent.English => EnglishCorpus.Paragraph(random, random.Next(2, 5)),
                PageContent.Chinese => ChineseCorpus.Paragraph(random, random.Next(2, 5), mixed: false),
                _ => random.Next(3) == 0 ? EnglishCorpus.Paragraph(random, random.Next(1, 3)) : ChineseCorpus.Paragraph(random, random.Next(2, 4), mixed: true),
            };
            bool full = false;
            foreach (string line in TextWrapper.Wrap(paragraph, body, maxWidth))
            {
                if (!TryPlace(line, spec.Body, spec.BodySize, spec.Ink, spec.LineSpacing))
                {
                    full = true;
                    break;
                }
            }
            if (full)
            {
                break;
            }
            y += spec.BodySize * 0.6f;
        }
        return scene;
    }

    // A grey halfway to white: the colour of a document's secondary text.
    private static byte Lift(byte channel) => (byte)(channel + ((0x90 - channel) / 2));
}
