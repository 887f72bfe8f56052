using System.Text;

namespace MaoOcr.Inference.Recognition;

/// <summary>
/// The recogniser's classes: index 0 is the CTC blank, then one class per line of ppocr_keys_v1.txt,
/// then a space (PaddleOCR's use_space_char). Each class is one text element (usually one char).
/// </summary>
internal sealed class CharacterDictionary
{
    /// <summary>The CTC blank's class index.</summary>
    public const int Blank = 0;

    private readonly string[] _symbols;

    public CharacterDictionary(IEnumerable<string> lines)
    {
        var symbols = new List<string> { string.Empty };
        foreach (string line in lines)
        {
            string symbol = line.TrimEnd('\r', '\n');
            if (symbol.Length > 0)
            {
                symbols.Add(symbol);
            }
        }
        symbols.Add(" ");
        _symbols = symbols.ToArray();
        LatinClasses = BuildLatinMask(_symbols);
    }

    /// <summary>Number of classes including blank and space: the recogniser's output width.</summary>
    public int ClassCount => _symbols.Length;

    /// <summary>Classes allowed when the request says English: blank, space and Latin-script symbols.</summary>
    public int[] LatinClasses { get; }

    public string this[int index] => _symbols[index];

    public static CharacterDictionary Load(string path) => new(File.ReadLines(path, Encoding.UTF8));

    private static int[] BuildLatinMask(string[] symbols)
    {
        var classes = new List<int> { Blank };
        for (int i = 1; i < symbols.Length; i++)
        {
            // Basic Latin, Latin-1 and Latin Extended-A: English text, digits, ASCII punctuation and accented names.
            if (symbols[i].All(c => c < 0x180 && !char.IsControl(c)))
            {
                classes.Add(i);
            }
        }
        return classes.ToArray();
    }
}
