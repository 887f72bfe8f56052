namespace MaoOcr.Testing;

/// <summary>
/// The fonts the test images are drawn with, from Debian's packages fonts-dejavu-core, fonts-liberation2,
/// fonts-noto-cjk and fonts-wqy-microhei. Each loads on first use and throws
/// <see cref="MissingTestFontException"/> naming its package when it is not installed.
/// </summary>
public static class TestFonts
{
    /// <summary>Extra folders, separated by <see cref="Path.PathSeparator"/>, searched for the font files before the Debian locations.</summary>
    public const string FontDirectoriesVariable = "MAOOCR_TEST_FONT_DIRS";

    private const string DejaVuDirectory = "/usr/share/fonts/truetype/dejavu";
    private const string LiberationDirectory = "/usr/share/fonts/truetype/liberation2";
    private const string NotoCjkDirectory = "/usr/share/fonts/opentype/noto";
    private const string WenQuanYiDirectory = "/usr/share/fonts/truetype/wqy";

    // Noto's CJK collections hold JP, KR, SC, TC, HK in that order (then the Mono faces in the Sans files);
    // fc-scan on Debian 12's fonts-noto-cjk shows SC at index 2. The face is still matched by family name.
    private const int NotoCjkScIndex = 2;

    public static TestFont DejaVuSans { get; } = new("DejaVu Sans", false, "DejaVuSans.ttf", DejaVuDirectory, 0, "fonts-dejavu-core", false);

    public static TestFont DejaVuSansBold { get; } = new("DejaVu Sans", true, "DejaVuSans-Bold.ttf", DejaVuDirectory, 0, "fonts-dejavu-core", false);

    public static TestFont DejaVuSerif { get; } = new("DejaVu Serif", false, "DejaVuSerif.ttf", DejaVuDirectory, 0, "fonts-dejavu-core", false);

    public static TestFont LiberationSans { get; } = new("Liberation Sans", false, "LiberationSans-Regular.ttf", LiberationDirectory, 0, "fonts-liberation2", false);

    public static TestFont LiberationSansBold { get; } = new("Liberation Sans", true, "LiberationSans-Bold.ttf", LiberationDirectory, 0, "fonts-liberation2", false);

    public static TestFont LiberationSerif { get; } = new("Liberation Serif", false, "LiberationSerif-Regular.ttf", LiberationDirectory, 0, "fonts-liberation2", false);

    public static TestFont LiberationMono { get; } = new("Liberation Mono", false, "LiberationMono-Regular.ttf", LiberationDirectory, 0, "fonts-liberation2", false);

    public static TestFont NotoSansCjkSc { get; } = new("Noto Sans CJK SC", false, "NotoSansCJK-Regular.ttc", NotoCjkDirectory, NotoCjkScIndex, "fonts-noto-cjk", true);

    public static TestFont NotoSansCjkScBold { get; } = new("Noto Sans CJK SC", true, "NotoSansCJK-Bold.ttc", NotoCjkDirectory, NotoCjkScIndex, "fonts-noto-cjk", true);

    public static TestFont NotoSerifCjkSc { get; } = new("Noto Serif CJK SC", false, "NotoSerifCJK-Regular.ttc", NotoCjkDirectory, NotoCjkScIndex, "fonts-noto-cjk", true);

    public static TestFont WenQuanYiMicroHei { get; } = new("WenQuanYi Micro Hei", false, "wqy-microhei.ttc", WenQuanYiDirectory, 0, "fonts-wqy-microhei", true);

    /// <summary>Regular Latin-only faces: DejaVu Sans and Serif, Liberation Sans, Serif and Mono.</summary>
    public static IReadOnlyList<TestFont> Latin { get; } = [DejaVuSans, DejaVuSerif, LiberationSans, LiberationSerif, LiberationMono];

    /// <summary>Regular faces with Simplified Chinese (and Latin): Noto Sans CJK SC, Noto Serif CJK SC, WenQuanYi Micro Hei.</summary>
    public static IReadOnlyList<TestFont> Chinese { get; } = [NotoSansCjkSc, NotoSerifCjkSc, WenQuanYiMicroHei];

    /// <summary>Every face above, bold ones included.</summary>
    public static IReadOnlyList<TestFont> All { get; } =
    [
        DejaVuSans, DejaVuSansBold, DejaVuSerif, LiberationSans, LiberationSansBold, LiberationSerif, LiberationMono,
        NotoSansCjkSc, NotoSansCjkScBold, NotoSerifCjkSc, WenQuanYiMicroHei,
    ];

    /// <summary>Loads every font, so a missing package shows up at once rather than halfway through a run.</summary>
    /// <exception cref="MissingTestFontException">One or more fonts are missing; the message lists every package to install.</exception>
    public static void EnsureInstalled()
    {
        var errors = new List<Exception>();
        var packages = new SortedSet<string>(StringComparer.Ordinal);
        foreach (TestFont font in All)
        {
            try
            {
                _ = font.Typeface;
            }
            catch (MissingTestFontException e)
            {
                errors.Add(e);
                packages.Add(font.AptPackage);
            }
        }
        if (errors.Count > 0)
        {
            throw new MissingTestFontException(
                $"{errors.Count} test font(s) missing; install them with: apt-get install {string.Join(' ', packages)}",
                new AggregateException(errors));
        }
    }
}
