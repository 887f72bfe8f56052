using MaoOcr.Inference.Models;

namespace MaoOcr.Inference.Tests.Models;

/// <summary>A package source that writes the tarball its action makes, and counts its calls.</summary>
internal sealed class TarballSource(Action<string> write) : IModelPackageSource
{
    private readonly Action<string> _write = write;

    public int Calls { get; private set; }

    public static TarballSource Of(IReadOnlyDictionary<string, byte[]> contents) => new(path => FakeModelPackage.WriteTarball(path, contents));

    public string Pack(string package, string version, string destination, CancellationToken cancellationToken)
    {
        Calls++;
        string path = Path.Combine(destination, "fake-models-1.0.0.tgz");
        _write(path);
        return path;
    }
}

/// <summary>A package source that always throws, as when the machine is offline.</summary>
internal sealed class FailingSource(Exception error) : IModelPackageSource
{
    public int Calls { get; private set; }

    public string Pack(string package, string version, string destination, CancellationToken cancellationToken)
    {
        Calls++;
        throw error;
    }
}
