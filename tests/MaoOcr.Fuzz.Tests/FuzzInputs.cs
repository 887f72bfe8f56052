using System.Globalization;
using System.Text;
using MaoOcr.Testing;

namespace MaoOcr.Fuzz.Tests;

/// <summary>The committed inputs of one target under benchmarks/Fuzz: seeds, saved crash inputs, dictionary tokens.</summary>
internal static class FuzzInputs
{
    private static string FuzzFolder => Path.Combine(RepositoryPaths.Root, "benchmarks", "Fuzz");

    /// <summary>The seed corpus, benchmarks/Fuzz/corpus/TARGET, by file name.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Seeds(string target) => Files(Path.Combine(FuzzFolder, "corpus", target));

    /// <summary>Inputs that once crashed the target, benchmarks/Fuzz/regressions/TARGET; empty when there are none.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Regressions(string target) => Files(Path.Combine(FuzzFolder, "regressions", target));

    /// <summary>The tokens of benchmarks/Fuzz/dict/TARGET.dict (libFuzzer's format: one quoted string a line, \xNN escapes).</summary>
    public static IReadOnlyList<byte[]> Dictionary(string target)
    {
        string path = Path.Combine(FuzzFolder, "dict", target + ".dict");
        if (!File.Exists(path))
        {
            return [];
        }
        var tokens = new List<byte[]>();
        foreach (string line in File.ReadLines(path))
        {
            int open = line.IndexOf('"', StringComparison.Ordinal);
            int close = line.LastIndexOf('"');
            if (line.StartsWith('#') || open < 0 || close <= open)
            {
                continue;
            }
            tokens.Add(Unescape(line[(open + 1)..close]));
        }
        return tokens;
    }

    private static IReadOnlyList<(string Name, byte[] Bytes)> Files(string folder) =>
        Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))]
            : [];

    private static byte[] Unescape(string quoted)
    {
        var bytes = new List<byte>();
        for (int i = 0; i < quoted.Length; i++)
        {
            if (quoted[i] == '\\' && i + 3 < quoted.Length && quoted[i + 1] == 'x')
            {
                bytes.Add(byte.Parse(quoted.AsSpan(i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 3;
            }
            else
            {
                bytes.AddRange(Encoding.Latin1.GetBytes(quoted[i].ToString()));
            }
        }
        return [.. bytes];
    }
}
