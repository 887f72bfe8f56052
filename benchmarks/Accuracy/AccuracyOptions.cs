using System.Globalization;
using MaoOcr.Inference.Pipeline;
using MaoOcr.Testing.Evaluation;

namespace MaoOcr.Benchmarks.Accuracy;

/// <summary>The command line: <c>[--count N] [--seed S] [--out DIR] [--no-peer] [--threads N] [--accuracy fast|balanced|high] [--crop-padding F] [--width-scale F]</c>.</summary>
internal sealed record AccuracyOptions
{
    public const string Usage =
        "usage: maoocr-accuracy [--count N] [--seed S] [--out DIR] [--no-peer] [--threads N] [--accuracy fast|balanced|high] [--crop-padding F] [--width-scale F] [--peer-dir DIR] [--images-only]";

    /// <summary>Images to generate; 24 gives four of each group.</summary>
    public int Count { get; init; } = EvaluationSet.DefaultCount;

    public int Seed { get; init; } = 20261124;

    /// <summary>Where images, ground truth and results go; null means artifacts/eval under the repository root.</summary>
    public string? OutputDirectory { get; init; }

    public bool RunPeer { get; init; } = true;

    /// <summary>Only write the images and ground truth (for the end-to-end load tool's image set); run no engine.</summary>
    public bool ImagesOnly { get; init; }

    /// <summary>ORT intra-op threads for both engines; 0 leaves each engine's default.</summary>
    public int Threads { get; init; }

    public RecognitionAccuracy Accuracy { get; init; } = RecognitionAccuracy.Balanced;

    /// <summary>Our engine's RecognitionCropPadding; null keeps the engine default.</summary>
    public float? CropPadding { get; init; }

    /// <summary>Our engine's RecognitionWidthScale; null keeps the engine default.</summary>
    public float? WidthScale { get; init; }

    /// <summary>The folder with run-peer.mjs; null finds benchmarks/peer under the repository root.</summary>
    public string? PeerDirectory { get; init; }

    /// <summary>Parses <paramref name="args"/>; returns null and writes the reason to <paramref name="error"/> when they are wrong.</summary>
    public static AccuracyOptions? Parse(string[] args, out string? error)
    {
        var options = new AccuracyOptions();
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string? Value() => i + 1 < args.Length ? args[++i] : null;
            switch (arg)
            {
                case "--count" when int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out int count) && count > 0:
                    options = options with { Count = count };
                    break;
                case "--seed" when int.TryParse(Value(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int seed):
                    options = options with { Seed = seed };
                    break;
                case "--threads" when int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out int threads):
                    options = options with { Threads = threads };
                    break;
                case "--out" when Value() is string directory:
                    options = options with { OutputDirectory = directory };
                    break;
                case "--peer-dir" when Value() is string directory:
                    options = options with { PeerDirectory = directory };
                    break;
                case "--accuracy" when Enum.TryParse(Value(), ignoreCase: true, out RecognitionAccuracy level) && Enum.IsDefined(level):
                    options = options with { Accuracy = level };
                    break;
                case "--crop-padding" when float.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out float padding):
                    options = options with { CropPadding = padding };
                    break;
                case "--width-scale" when float.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out float scale):
                    options = options with { WidthScale = scale };
                    break;
                case "--images-only":
                    options = options with { ImagesOnly = true };
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
