using System.Text.Json.Serialization;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.EdgeServer.Cli;

/// <summary>One file's outcome in <c>maoocr ocr --json</c>: a result or an error, never both.</summary>
internal sealed record CliFileResult(
    string File,
    int? Width,
    int? Height,
    string? Text,
    IReadOnlyList<CliLine>? Lines,
    StageTimings? Timings,
    string? Error,
    string? ErrorKind);

/// <summary>A line with its box as [[x, y], …] in image pixels, top-left first, clockwise.</summary>
internal sealed record CliLine(string Text, float Confidence, float[][] Box)
{
    public static CliLine From(RecognizedLine line) => new(line.Text, line.Confidence, line.Box.Select(p => new[] { p.X, p.Y }).ToArray());
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(CliFileResult))]
[JsonSerializable(typeof(List<CliFileResult>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
