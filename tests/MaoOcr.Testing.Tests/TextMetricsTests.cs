namespace MaoOcr.Testing.Tests;

public sealed class TextMetricsTests
{
    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("质量检验记录", "质量险验记", 2)]
    public void EditDistance_counts_insertions_deletions_and_substitutions(string expected, string actual, int distance)
    {
        Assert.Equal(distance, TextMetrics.EditDistance(expected, actual));
        Assert.Equal(distance, TextMetrics.EditDistance(actual, expected));
    }

    [Fact]
    public void Whitespace_is_ignored_everywhere()
    {
        Assert.Equal(0, TextMetrics.EditDistance("Total due: $12.50", "Total  due:$12.50"));
        Assert.Equal(0, TextMetrics.EditDistance("请于 下午三点\t前提交", "请于下午三点前提交"));
        Assert.Equal(0.0, TextMetrics.CharacterErrorRate("a b c", "abc"));
    }

    [Fact]
    public void A_character_outside_the_basic_plane_is_one_code_point()
    {
        // U+20000 is a surrogate pair in UTF-16 but one character.
        Assert.Equal(3, TextMetrics.CountCharacters("a\U00020000b"));
        Assert.Equal(1, TextMetrics.EditDistance("a\U00020000b", "a\U00020001b"));
    }

    [Fact]
    public void Cer_divides_by_the_expected_length_and_can_exceed_one()
    {
        Assert.Equal(0.25, TextMetrics.CharacterErrorRate("abcd", "abce"), 6);
        Assert.Equal(2.0, TextMetrics.CharacterErrorRate("ab", "abcdef"), 6);
        Assert.Equal(0.0, TextMetrics.CharacterErrorRate("", ""));
        Assert.Equal(1.0, TextMetrics.CharacterErrorRate("", "x"));
    }

    [Fact]
    public void Full_width_and_ascii_punctuation_differ()
    {
        Assert.Equal(1, TextMetrics.EditDistance("你好，世界", "你好,世界"));
    }
}
