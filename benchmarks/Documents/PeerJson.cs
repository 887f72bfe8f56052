using System.Text.Json.Serialization;

namespace MaoOcr.Benchmarks.Documents;

/// <summary>The part of benchmarks/peer/run-peer.mjs's stdout this tool reads (the format is in benchmarks/peer/README.md).</summary>
internal sealed record PeerReport(string Engine, string Onnxruntime, List<PeerResult> Results);

internal sealed record PeerResult(string File, double Ms, List<PeerLine>? Lines, string? Error);

/// <summary>A line as the peer returned it, its four corners as [[x, y], …] in the file's pixels.</summary>
internal sealed record PeerLine(string Text, float[][] Box);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PeerReport))]
internal sealed partial class PeerJsonContext : JsonSerializerContext;
