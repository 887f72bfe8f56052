using System.Text;

namespace MaoOcr.Documents.Pdf.Reading;

/// <summary>
/// Turns CJK radical characters back into the ideographs they stand for. Fonts draw a radical and its ideograph with
/// one glyph, and a PDF whose ToUnicode map was built from the font's cmap (Chrome's "Save as PDF", Skia, some office
/// suites) may name the radical: pdftotext then gives ⽂ (U+2F42) for 文 and ⻚ (U+2EDA) for 页, text no search finds.
/// The Kangxi radicals (U+2F00–U+2FD5) fold as Unicode's compatibility decomposition (NFKC) folds them; the simplified
/// forms of the CJK Radicals Supplement have no decomposition, so the common Chinese ones are listed by name. Real
/// radicals in running text (a dictionary's radical index) are rare enough to accept the change.
/// </summary>
public static class RadicalFolding
{
    /// <summary>NFKC of U+2F00 to U+2FD5, in order (generated with Python's unicodedata).</summary>
    private const string Kangxi = "一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳心戈戶手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見角言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨靑非面革韋韭音頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎鼓鼠鼻齊齒龍龜龠";

    private const char KangxiFirst = '\u2F00';

    /// <summary>
    /// Simplified radicals (CJK Radicals Supplement) and their ideographs, from their Unicode names (C-SIMPLIFIED LEAF: 页);
    /// and the two Kangxi radicals that simplified-Chinese fonts draw as a different character than NFKC's (⼾ as 户, not
    /// 戶; ⾭ as 青, not 靑), since the appliance reads simplified Chinese: seen with Noto Sans CJK SC, the test font.
    /// </summary>
    private static readonly Dictionary<char, char> s_supplement = new()
    {
        ['\u2F3E'] = '户', ['\u2FAD'] = '青',
        ['\u2EC5'] = '见', ['\u2EC8'] = '讠', ['\u2EC9'] = '贝', ['\u2ECB'] = '车', ['\u2ED3'] = '长', ['\u2ED4'] = '门',
        ['\u2EDA'] = '页', ['\u2EDB'] = '风', ['\u2EDC'] = '飞', ['\u2EE0'] = '饣', ['\u2EE2'] = '马', ['\u2EE5'] = '鱼',
        ['\u2EE6'] = '鸟', ['\u2EE7'] = '卤', ['\u2EE8'] = '麦', ['\u2EE9'] = '黄', ['\u2EEC'] = '齐', ['\u2EEE'] = '齿',
        ['\u2EF0'] = '龙', ['\u2EF3'] = '龟',
    };

    /// <summary><paramref name="text"/> with each radical replaced; the same string when it has none.</summary>
    public static string Fold(string text)
    {
        int first = text.AsSpan().IndexOfAnyInRange('\u2E80', '\u2FDF');
        if (first < 0)
        {
            return text;
        }
        var folded = new StringBuilder(text.Length);
        folded.Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (s_supplement.TryGetValue(c, out char simplified))
            {
                folded.Append(simplified);
            }
            else if (c >= KangxiFirst && c - KangxiFirst < Kangxi.Length)
            {
                folded.Append(Kangxi[c - KangxiFirst]);
            }
            else
            {
                folded.Append(c);
            }
        }
        return folded.ToString();
    }
}
