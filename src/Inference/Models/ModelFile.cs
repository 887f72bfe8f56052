namespace MaoOcr.Inference.Models;

/// <summary>One file of the manifest.</summary>
public sealed class ModelFile
{
    public required ModelRole Role { get; init; }

    public required string Name { get; init; }

    /// <summary>Lower-case hex SHA-256 of the file.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Size in bytes.</summary>
    public required long Size { get; init; }
}
