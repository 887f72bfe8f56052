using MaoOcr.Inference.Recognition;
using MaoOcr.Inference.Tests.Support;

namespace MaoOcr.Inference.Tests.Recognition;

public sealed class CharacterDictionaryTests
{
    [Fact]
    public void Class_zero_is_blank_then_the_lines_then_a_space()
    {
        var dictionary = new CharacterDictionary(["x", "中", "y"]);

        Assert.Equal(5, dictionary.ClassCount);
        Assert.Equal(string.Empty, dictionary[CharacterDictionary.Blank]);
        Assert.Equal("x", dictionary[1]);
        Assert.Equal("中", dictionary[2]);
        Assert.Equal("y", dictionary[3]);
        Assert.Equal(" ", dictionary[dictionary.ClassCount - 1]);
    }

    [Fact]
    public void Carriage_returns_from_crlf_files_are_not_part_of_a_symbol()
    {
        var dictionary = new CharacterDictionary(["x\r", "y\r\n"]);

        Assert.Equal("x", dictionary[1]);
        Assert.Equal("y", dictionary[2]);
    }

    [Fact]
    public void Latin_classes_hold_blank_space_and_latin_symbols_only()
    {
        var dictionary = new CharacterDictionary(["a", "中", "é", "α", "Z", "ſ", "ƀ", "9"]);

        // 0 blank, 1 a, 2 中, 3 é, 4 α, 5 Z, 6 ſ (U+017F, Latin Extended-A), 7 ƀ (U+0180, Latin Extended-B), 8 9, 9 space.
        Assert.Equal(new[] { 0, 1, 3, 5, 6, 8, 9 }, dictionary.LatinClasses);
    }

    [Fact]
    public void Real_dictionary_has_the_recognition_models_6625_classes()
    {
        var dictionary = CharacterDictionary.Load(RealModels.Paths.Dictionary);

        // ppocr_keys_v1.txt has 6623 lines; PP-OCRv4's recogniser outputs 6625 classes (blank + lines + space).
        Assert.Equal(6625, dictionary.ClassCount);
        Assert.Equal(" ", dictionary[6624]);
        Assert.Contains(dictionary.LatinClasses, c => dictionary[c] == "A");
        Assert.DoesNotContain(dictionary.LatinClasses, c => dictionary[c] == "中");
    }
}
