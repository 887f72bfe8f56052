using System.Text.Json.Serialization;

namespace MaoOcr.EdgeServer.Cli;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(CliFileResult))]
[JsonSerializable(typeof(List<CliFileResult>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
