using System.Text.Json.Serialization;

namespace MaoOcr.Benchmarks.Accuracy;

/// <summary>The peer runner's stdout (benchmarks/peer/run-peer.mjs).</summary>
internal sealed record PeerReport(string Engine, string Onnxruntime, string? Node, int Threads, double LoadMs, List<PeerResult> Results);

internal sealed record PeerResult(string File, int Width, int Height, double Ms, List<PeerLine>? Lines, string? Error);

internal sealed record PeerLine(string Text, float[][] Box, float Confidence);

/// <summary>Ground truth written beside each image: truth/NAME.json.</summary>
internal sealed record TruthFile(string File, string Group, int Width, int Height, string Format, List<JsonLine> Lines);

/// <summary>A line of text with its four corners as [[x, y], …], top-left first, clockwise, in image pixels.</summary>
internal sealed record JsonLine(string Text, float[][] Box);

/// <summary>results.json: the run's settings, then per engine its group figures and every image's score and lines.</summary>
internal sealed record ResultsFile(int Seed, int Count, int Threads, string Accuracy, string Machine, List<EngineResults> Engines);

internal sealed record EngineResults(string Engine, string Runtime, List<GroupFigures> Groups, List<ImageResult> Images);

internal sealed record ImageResult(
    string File,
    string Group,
    double Ms,
    double? InferenceMs,
    double Cer,
    int Edits,
    int Characters,
    int TruthLines,
    int RecalledLines,
    int PredictedLines,
    int UnmatchedPredictedLines,
    string? Error,
    List<JsonLine> Lines);

/// <summary>The figures of one group of images (or "all") for one engine; see README.md for the definitions.</summary>
internal sealed record GroupFigures(
    string Group,
    int Images,
    int Errors,
    double MeanCer,
    double OverallCer,
    double LineRecall,
    double ImagesPerSecond,
    double MeanMs,
    double? OutsideOrtShare);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(PeerReport))]
[JsonSerializable(typeof(TruthFile))]
[JsonSerializable(typeof(ResultsFile))]
internal sealed partial class AccuracyJsonContext : JsonSerializerContext;
