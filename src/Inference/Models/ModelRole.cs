using System.Text.Json.Serialization;

namespace MaoOcr.Inference.Models;

/// <summary>What a model file is for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelRole>))]
public enum ModelRole
{
    Detection,
    Recognition,
    Classifier,
    Dictionary,
}
