using MaoOcr.Fuzz.Targets;

namespace MaoOcr.Fuzz;

/// <summary>Runs saved inputs once each, outside libFuzzer: to triage a crash file or check that a fix holds.</summary>
internal static class InputReplay
{
    /// <summary>Runs every file named, and every file in every folder named (not recursively).</summary>
    /// <returns>0 when no input threw, 1 when one did, 2 when a path does not exist.</returns>
    public static int Run(IFuzzTarget target, IEnumerable<string> paths)
    {
        ReplayCoverageMap.Install();
        int inputs = 0, crashes = 0;
        foreach (string path in paths)
        {
            string[] files = Directory.Exists(path) ? [.. Directory.EnumerateFiles(path).Order(StringComparer.Ordinal)]
                : File.Exists(path) ? [path]
                : [];
            if (files.Length == 0 && !Directory.Exists(path))
            {
                Console.Error.WriteLine($"no such file or folder: {path}");
                return 2;
            }
            foreach (string file in files)
            {
                inputs++;
                try
                {
                    target.Run(File.ReadAllBytes(file));
                }
#pragma warning disable CA1031 // Every exception is the finding: report it and go on to the next input.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    crashes++;
                    Console.WriteLine($"CRASH {file}");
                    Console.WriteLine(e);
                }
            }
        }
        Console.WriteLine($"{target.Name}: {inputs} inputs replayed, {crashes} crashed");
        return crashes == 0 ? 0 : 1;
    }
}
