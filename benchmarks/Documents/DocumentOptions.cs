using System.Globalization;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Benchmarks.Documents;

/// <summary>The command line: <c>accuracy|speed [--count N] [--seed S] [--pages N] [--accuracy fast|balanced|high] [--threads N] [--out DIR] [--no-peer] [--peer-dir DIR]</c>.</summary>
internal sealed record DocumentOptions
{
    public const string Usage =
        "usage: maoocr-documents accuracy [--count N] [--seed S] [--no-peer] [--peer-dir DIR] [--accuracy fast|balanced|high] [--threads N] [--out DIR]\n" +
        "       maoocr-documents speed [--pages N] [--accuracy fast|balanced|high] [--threads N] [--out DIR]";

    public required DocumentMode Mode { get; init; }

    /// <summary>Pages per accuracy case; each page is a different scan of the case's page (noise and JPEG by seed).</summary>
    public int Count { get; init; } = 2;

    public int Seed { get; init; } = 20261214;

    /// <summary>Pages of the speed run's scanned PDF (and of its text-layer PDF).</summary>
    public int Pages { get; init; } = 20;

    public RecognitionAccuracy Accuracy { get; init; } = RecognitionAccuracy.Balanced;

    /// <summary>ORT intra-op threads for both engines; 0 leaves each engine's default.</summary>
    public int Threads { get; init; }

    /// <summary>Where images, PDFs and the report go; null means artifacts/documents under the repository root.</summary>
    public string? OutputDirectory { get; init; }

    public bool RunPeer { get; init; } = true;

    /// <summary>The folder with run-peer.mjs; null finds benchmarks/peer under the repository root.</summary>
    public string? PeerDirectory { get; init; }

    /// <summary>Parses <paramref name="args"/>; returns null and writes the reason to <paramref name="error"/> when they are wrong.</summary>
    public static DocumentOptions? Parse(string[] args, out string? error)
    {
        error = null;
        DocumentMode? mode = args.Length == 0 ? null : args[0] switch
        {
            "accuracy" => DocumentMode.Accuracy,
            "speed" => DocumentMode.Speed,
            _ => null,
        };
        if (mode is null)
        {
            error = "the first argument must be 'accuracy' or 'speed'";
            return null;
        }
        var options = new DocumentOptions { Mode = mode.Value };
        for (int i = 1; i < args.Length; i++)
        {
            string arg = args[i];
            string? Value() => i + 1 < args.Length ? args[++i] : null;
            switch (arg)
            {
                case "--count" when int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out int count) && count is > 0 and <= 100:
                    options = options with { Count = count };
                    break;
                case "--seed" when int.TryParse(Value(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int seed):
                    options = options with { Seed = seed };
                    break;
                case "--pages" when int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out int pages) && pages is > 0 and <= 200:
                    options = options with { Pages = pages };
                    break;
                case "--threads" when int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out int threads):
                    options = options with { Threads = threads };
                    break;
                case "--accuracy" when Enum.TryParse(Value(), ignoreCase: true, out RecognitionAccuracy level) && Enum.IsDefined(level):
                    options = options with { Accuracy = level };
                    break;
                case "--out" when Value() is string directory:
                    options = options with { OutputDirectory = directory };
                    break;
                case "--peer-dir" when Value() is string directory:
                    options = options with { PeerDirectory = directory };
                    break;
                case "--no-peer":
                    options = options with { RunPeer = false };
                    break;
                default:
                    error = $"bad or incomplete argument '{arg}'";
                    return null;
            }
        }
        return options;
    }
}

internal enum DocumentMode
{
    Accuracy,
    Speed,
}
