using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using MaoOcr.Inference.Models;

namespace MaoOcr.Inference.Tests.Models;

/// <summary>
/// A small stand-in for the npm model package: four files of random bytes, a manifest with their real
/// hashes, and tarballs laid out as npm packs them (package/assets/…), built on demand.
/// </summary>
internal sealed class FakeModelPackage
{
    public const string PathInPackage = "package/assets/";

    public FakeModelPackage(int seed)
    {
        var random = new Random(seed);
        (ModelRole Role, string Name, int Size)[] files =
        [
            (ModelRole.Detection, "det.onnx", 3000),
            (ModelRole.Recognition, "rec.onnx", 5000),
            (ModelRole.Classifier, "cls.onnx", 1000),
            (ModelRole.Dictionary, "keys.txt", 200),
        ];
        foreach ((ModelRole _, string name, int size) in files)
        {
            byte[] content = new byte[size];
            random.NextBytes(content);
            Contents[name] = content;
        }
        Manifest = new ModelManifest
        {
            Package = "@test/fake-models",
            Version = "1.0.0",
            PathInPackage = PathInPackage,
            Files = files.Select(f => new ModelFile { Role = f.Role, Name = f.Name, Sha256 = Sha256(Contents[f.Name]), Size = f.Size }).ToList(),
        };
    }

    /// <summary>The folder name the store uses for this package inside a cache folder.</summary>
    public const string CacheFolderName = "test_fake-models-1.0.0";

    public Dictionary<string, byte[]> Contents { get; } = new(StringComparer.Ordinal);

    public ModelManifest Manifest { get; }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Writes a .tgz holding <paramref name="contents"/> under package/assets/, with a package.json beside as npm has.</summary>
    public static void WriteTarball(string path, IReadOnlyDictionary<string, byte[]> contents)
    {
        using FileStream file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var writer = new TarWriter(gzip, TarEntryFormat.Pax);
        writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, PathInPackage));
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "package/package.json") { DataStream = new MemoryStream("{}"u8.ToArray()) });
        foreach ((string name, byte[] content) in contents)
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, PathInPackage + name) { DataStream = new MemoryStream(content) });
        }
    }
}
