namespace MaoOcr.Inference.Models;

/// <summary>Verified paths of the model files, ready to load.</summary>
public sealed record ModelPaths(string Directory, string Detection, string Recognition, string Classifier, string Dictionary)
{
    internal static ModelPaths In(string directory, ModelManifest manifest) => new(
        directory,
        Path.Combine(directory, manifest.Get(ModelRole.Detection).Name),
        Path.Combine(directory, manifest.Get(ModelRole.Recognition).Name),
        Path.Combine(directory, manifest.Get(ModelRole.Classifier).Name),
        Path.Combine(directory, manifest.Get(ModelRole.Dictionary).Name));
}
