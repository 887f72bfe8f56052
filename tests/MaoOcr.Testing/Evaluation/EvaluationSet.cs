using SkiaSharp;

namespace MaoOcr.Testing.Evaluation;

/// <summary>
/// A varied, reproducible set of synthetic images with exact ground truth: document pages, phone photos of pages
/// and application screenshots, each in English and in Chinese (some Chinese pages mixed with English).
/// </summary>
public static class EvaluationSet
{
    /// <summary>
    /// The default size: four images of each of the six groups, a few minutes for two engines on two cores.
    /// </summary>
    public const int DefaultCount = 24;

    private static readonly (EvaluationCategory Category, EvaluationLanguage Language)[] s_groups =
    [
        (EvaluationCategory.Page, EvaluationLanguage.English),
        (EvaluationCategory.Page, EvaluationLanguage.Chinese),
        (EvaluationCategory.Photo, EvaluationLanguage.English),
        (EvaluationCategory.Photo, EvaluationLanguage.Chinese),
        (EvaluationCategory.Screenshot, EvaluationLanguage.English),
        (EvaluationCategory.Screenshot, EvaluationLanguage.Chinese),
    ];

    /// <summary>
    /// Generates <paramref name="count"/> images, cycling through the six groups (page, photo, screenshot × en, zh).
    /// The same seed gives the same images, and a smaller count gives a prefix of a larger one.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="MissingTestFontException">A font is not installed.</exception>
    public static IReadOnlyList<EvaluationImage> Generate(int seed, int count = DefaultCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var seeds = new Random(seed);
        var images = new List<EvaluationImage>(count);
        for (int i = 0; i < count; i++)
        {
            images.Add(Create(i, seeds.Next()));
        }
        return images;
    }

    /// <summary>Generates the <paramref name="index"/>-th image of the group cycle from its own seed.</summary>
    internal static EvaluationImage Create(int index, int imageSeed)
    {
        (EvaluationCategory category, EvaluationLanguage language) = s_groups[index % s_groups.Length];
        var random = new Random(imageSeed);
        bool chinese = language == EvaluationLanguage.Chinese;
        // Every other Chinese page or photo mixes in English paragraphs.
        bool mixed = chinese && category != EvaluationCategory.Screenshot && (index / s_groups.Length) % 2 == 1;
        RenderedImage image = category switch
        {
            EvaluationCategory.Page => Page(random, chinese, mixed),
            EvaluationCategory.Photo => Photo(random, chinese, mixed),
            _ => TextImageRenderer.Render(ScreenshotComposer.Compose(random, chinese), new ImageEffects
            {
                Seed = random.Next(),
                Format = random.Next(3) == 0 ? ImageFileFormat.Webp : ImageFileFormat.Png,
                Quality = 92,
            }),
        };
        string name = $"{index + 1:D2}-{EvaluationImage.CategoryName(category)}-{(mixed ? "mixed" : EvaluationImage.LanguageName(language))}";
        return new EvaluationImage(name, category, language, image);
    }

    private static RenderedImage Page(Random random, bool chinese, bool mixed)
    {
        bool a4 = random.Next(3) != 0;
        (int width, int height) = a4 ? (1240, 1754) : (1000, 1414);
        float scale = width / 1240f;
        TestFont body = chinese ? Pick(random, TestFonts.Chinese) : Pick(random, TestFonts.Latin);
        var spec = new PageSpec(
            width,
            height,
            mixed ? PageContent.Mixed : chinese ? PageContent.Chinese : PageContent.English,
            body,
            HeadingFor(body),
            BodySize: MathF.Round(random.Next(22, 31) * scale),
            Margin: MathF.Round(random.Next(80, 121) * scale),
            LineSpacing: 1.45f + (0.35f * random.NextSingle()),
            Lines: random.Next(15, 31),
            WithHeading: random.Next(4) != 0,
            Background: random.Next(3) switch
            {
                0 => SceneBackground.Solid(SKColors.White),
                1 => SceneBackground.Paper(new SKColor(0xFA, 0xF7, 0xF0)),
                _ => SceneBackground.Gradient(SKColors.White, new SKColor(0xF0, 0xF2, 0xF5), random.Next(0, 180)),
            },
            Ink: random.Next(4) == 0 ? new SKColor(0x1A, 0x2A, 0x5A) : new SKColor(0x18, 0x18, 0x18));
        TextScene scene = PageComposer.Compose(spec, random);

        // One page in three looks scanned: a slight skew, a little noise, and JPEG.
        bool scanned = random.Next(3) == 0;
        return TextImageRenderer.Render(scene, new ImageEffects
        {
            Seed = random.Next(),
            RotationDegrees = scanned ? (random.NextSingle() - 0.5f) * 2f : 0f,
            Surround = new SKColor(0xF4, 0xF4, 0xF4),
            NoiseSigma = scanned ? 3f : 0f,
            Format = scanned ? ImageFileFormat.Jpeg : ImageFileFormat.Png,
            Quality = 90,
        });
    }

    private static RenderedImage Photo(Random random, bool chinese, bool mixed)
    {
        // Part of a page, photographed: the section is drawn large, then fitted into a 4:3 frame on a desk.
        bool portrait = random.Next(2) == 0;
        (int sceneWidth, int sceneHeight) = portrait ? (1000, 1300) : (1300, 950);
        (int outputWidth, int outputHeight) = portrait ? (1050, 1400) : (1400, 1050);
        TestFont body = chinese ? Pick(random, TestFonts.Chinese) : Pick(random, TestFonts.Latin);
        var spec = new PageSpec(
            sceneWidth,
            sceneHeight,
            mixed ? PageContent.Mixed : chinese ? PageContent.Chinese : PageContent.English,
            body,
            HeadingFor(body),
            BodySize: random.Next(30, 39),
            Margin: random.Next(50, 71),
            LineSpacing: 1.5f + (0.3f * random.NextSingle()),
            Lines: random.Next(8, 15),
            WithHeading: random.Next(2) == 0,
            Background: SceneBackground.Paper(new SKColor((byte)random.Next(0xF0, 0xFC), (byte)random.Next(0xEC, 0xF8), (byte)random.Next(0xE0, 0xF0))),
            Ink: new SKColor(0x20, 0x20, 0x24));
        TextScene scene = PageComposer.Compose(spec, random);

        float rotation = (1f + (3f * random.NextSingle())) * (random.Next(2) == 0 ? -1 : 1);
        float jitter = 0.015f + (0.025f * random.NextSingle());
        // Enough room that the turned, jittered page stays in the frame.
        float inset = jitter + (0.5f * MathF.Sin(MathF.Abs(rotation) * MathF.PI / 180f)) + 0.03f;
        SKColor[] desks = [new(0x6B, 0x4F, 0x3A), new(0x4A, 0x4D, 0x52), new(0x8C, 0x86, 0x7A), new(0x2E, 0x3A, 0x46)];
        return TextImageRenderer.Render(scene, new ImageEffects
        {
            Seed = random.Next(),
            OutputWidth = outputWidth,
            OutputHeight = outputHeight,
            FrameInset = inset,
            RotationDegrees = rotation,
            PerspectiveJitter = jitter,
            Surround = desks[random.Next(desks.Length)],
            LightingFalloff = 0.1f + (0.2f * random.NextSingle()),
            BlurSigma = 0.6f + (0.6f * random.NextSingle()),
            NoiseSigma = 3f + (4f * random.NextSingle()),
            Format = ImageFileFormat.Jpeg,
            Quality = random.Next(70, 86),
        });
    }

    private static TestFont HeadingFor(TestFont body)
    {
        if (body == TestFonts.NotoSansCjkSc || body == TestFonts.NotoSerifCjkSc)
        {
            return TestFonts.NotoSansCjkScBold;
        }
        if (body == TestFonts.DejaVuSans || body == TestFonts.DejaVuSerif)
        {
            return TestFonts.DejaVuSansBold;
        }
        return body.CoversChinese ? body : TestFonts.LiberationSansBold;
    }

    private static TestFont Pick(Random random, IReadOnlyList<TestFont> fonts) => fonts[random.Next(fonts.Count)];
}
