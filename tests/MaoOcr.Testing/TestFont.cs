using System.Text;
using SkiaSharp;

namespace MaoOcr.Testing;

/// <summary>
/// One installed font face, loaded by file path (SkiaSharp's NoDependencies build has no fontconfig).
/// A face in a collection (.ttc) is found by its family name, so a package that reorders its collection still works.
/// </summary>
public sealed class TestFont
{
    private readonly string _fileName;
    private readonly string _defaultDirectory;
    private readonly int _expectedIndex;
    private readonly Lazy<(string Path, int Index, SKTypeface Typeface)> _loaded;

    internal TestFont(string familyName, bool bold, string fileName, string defaultDirectory, int expectedIndex, string aptPackage, bool coversChinese)
    {
        FamilyName = familyName;
        IsBold = bold;
        _fileName = fileName;
        _defaultDirectory = defaultDirectory;
        _expectedIndex = expectedIndex;
        AptPackage = aptPackage;
        CoversChinese = coversChinese;
        _loaded = new Lazy<(string, int, SKTypeface)>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The face's family name as the font file states it, e.g. "Noto Sans CJK SC".</summary>
    public string FamilyName { get; }

    public bool IsBold { get; }

    /// <summary>The Debian package that installs the file.</summary>
    public string AptPackage { get; }

    /// <summary>Whether the face has glyphs for Simplified Chinese (all our faces also cover Latin).</summary>
    public bool CoversChinese { get; }

    /// <summary>The file the face was loaded from.</summary>
    /// <exception cref="MissingTestFontException">The font is not installed.</exception>
    public string FilePath => _loaded.Value.Path;

    /// <summary>The face's index in its file (0 for a plain .ttf/.otf).</summary>
    /// <exception cref="MissingTestFontException">The font is not installed.</exception>
    public int FaceIndex => _loaded.Value.Index;

    /// <summary>The loaded typeface, shared and never disposed.</summary>
    /// <exception cref="MissingTestFontException">The font is not installed.</exception>
    public SKTypeface Typeface => _loaded.Value.Typeface;

    /// <summary>Whether every character of <paramref name="text"/> other than whitespace has a glyph in this face.</summary>
    public bool CanRender(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var font = new SKFont(Typeface);
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (!Rune.IsWhiteSpace(rune) && font.GetGlyph(rune.Value) == 0)
            {
                return false;
            }
        }
        return true;
    }

    public override string ToString() => IsBold ? $"{FamilyName} Bold" : FamilyName;

    private (string Path, int Index, SKTypeface Typeface) Load()
    {
        string path = FindFile();
        SKTypeface? expected = SKTypeface.FromFile(path, _expectedIndex);
        if (expected is not null && expected.FamilyName == FamilyName)
        {
            return (path, _expectedIndex, expected);
        }
        expected?.Dispose();

        var seen = new List<string>();
        for (int index = 0; index < 64; index++)
        {
            SKTypeface? face = SKTypeface.FromFile(path, index);
            if (face is null)
            {
                break;
            }
            if (face.FamilyName == FamilyName)
            {
                return (path, index, face);
            }
            seen.Add(face.FamilyName);
            face.Dispose();
        }
        throw new MissingTestFontException(
            $"'{path}' holds no face named '{FamilyName}' (found: {string.Join(", ", seen)}). Reinstall the Debian package '{AptPackage}'.");
    }

    private string FindFile()
    {
        var tried = new List<string>();
        foreach (string directory in SearchDirectories())
        {
            string candidate = Path.Combine(directory, _fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
            tried.Add(candidate);
        }
        throw new MissingTestFontException(
            $"Font '{this}' not found (looked for {string.Join(", ", tried)}). Install it with: apt-get install {AptPackage}");
    }

    private IEnumerable<string> SearchDirectories()
    {
        string? extra = Environment.GetEnvironmentVariable(TestFonts.FontDirectoriesVariable);
        if (!string.IsNullOrWhiteSpace(extra))
        {
            foreach (string directory in extra.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return directory;
            }
        }
        yield return _defaultDirectory;
    }
}
