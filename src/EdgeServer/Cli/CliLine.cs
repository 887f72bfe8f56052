using MaoOcr.Inference.Pipeline;

namespace MaoOcr.EdgeServer.Cli;

/// <summary>A line with its box as [[x, y], …] in image pixels, top-left first, clockwise.</summary>
internal sealed record CliLine(string Text, float Confidence, float[][] Box)
{
    public static CliLine From(RecognizedLine line) => new(line.Text, line.Confidence, line.Box.Select(p => new[] { p.X, p.Y }).ToArray());
}
