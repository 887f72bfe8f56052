using System.Text.Json.Serialization;

namespace MaoOcr.Client.Protocol;

/// <summary>Source-generated JSON for the server's messages: no reflection, so the SDK trims and compiles ahead of time.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(WireStart))]
[JsonSerializable(typeof(WireProgress))]
[JsonSerializable(typeof(WireComplete))]
[JsonSerializable(typeof(WireError))]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext;
