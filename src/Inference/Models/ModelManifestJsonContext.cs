using System.Text.Json;
using System.Text.Json.Serialization;

namespace MaoOcr.Inference.Models;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(ModelManifest))]
internal sealed partial class ModelManifestJsonContext : JsonSerializerContext;
