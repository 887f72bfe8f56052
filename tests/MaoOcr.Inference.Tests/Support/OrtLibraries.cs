using System.Formats.Tar;
using System.IO.Compression;
using MaoOcr.Inference.Models;

namespace MaoOcr.Inference.Tests.Support;

/// <summary>
/// The ONNX Runtime builds the binding is tested against: the NuGet 1.31.1 CPU library copied beside the
/// tests, and ORT 1.29.0 from npm com.github.asus4.onnxruntime@0.4.9 (Plugins/Linux/x64), fetched once
/// into a cache folder so CI does not download its 150 MB on every run.
/// </summary>
public static class OrtLibraries
{
    public const string NuGetVersion = "1.31.1";
    public const string NpmVersion = "1.29.0";

    private const string NpmPackage = "com.github.asus4.onnxruntime";
    private const string NpmPackageVersion = "0.4.9";
    private const string EntryInPackage = "package/Plugins/Linux/x64/libonnxruntime.so";

    private static readonly Lazy<string> s_npm = new(FetchNpmBuild);

    public static string NuGet => Path.Combine(AppContext.BaseDirectory, "libonnxruntime.so");

    public static string Npm => s_npm.Value;

    /// <summary>(path, expected version) for every build, as xunit theory data.</summary>
    public static TheoryData<string, string> All => new()
    {
        { "nuget", NuGetVersion },
        { "npm", NpmVersion },
    };

    public static string PathOf(string source) => source == "npm" ? Npm : NuGet;

    private static string FetchNpmBuild()
    {
        // Beside the models cache; normalised because "models/.." does not resolve before models/ exists.
        string folder = Path.GetFullPath(Path.Combine(ModelStore.DefaultCacheDirectory(), "..", "ort", $"{NpmPackage}-{NpmPackageVersion}"));
        string library = Path.Combine(folder, "libonnxruntime.so");
        if (File.Exists(library))
        {
            return library;
        }
        Directory.CreateDirectory(folder);
        string tarball = new NpmPackageSource().Pack(NpmPackage, NpmPackageVersion, folder, CancellationToken.None);
        try
        {
            using FileStream file = File.OpenRead(tarball);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new TarReader(gzip);
            while (reader.GetNextEntry() is TarEntry entry)
            {
                if (entry.Name == EntryInPackage)
                {
                    string partial = library + ".partial";
                    entry.ExtractToFile(partial, overwrite: true);
                    File.Move(partial, library, overwrite: true);
                    return library;
                }
            }
        }
        finally
        {
            File.Delete(tarball);
        }
        throw new InvalidOperationException($"{NpmPackage}@{NpmPackageVersion} has no {EntryInPackage}.");
    }
}
