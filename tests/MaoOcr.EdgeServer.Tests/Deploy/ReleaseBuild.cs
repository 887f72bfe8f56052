using MaoOcr.EdgeServer.Tests.Aot;

namespace MaoOcr.EdgeServer.Tests.Deploy;

/// <summary>
/// One x64 release built by deploy/release.sh from the published Native AOT binary (test.sh publishes it; run alone,
/// <see cref="PublishedBinaryTests.Binary"/> publishes it), into a folder the tests share and remove at the end. The
/// arm64 half of a release is cross-compiled and checked under qemu by deploy/release/verify-arm64.sh, outside this suite.
/// </summary>
public sealed class ReleaseBuild : IAsyncLifetime, IDisposable
{
    public const string Version = "0.0.1~test";

    private readonly TempDirectory _folder = new();

    public string Folder => _folder.FullPath;

    public string Deb => _folder.Combine($"maoocr_{Version}_amd64.deb");

    public string ModelsDeb => _folder.Combine($"maoocr-models_{Version}_all.deb");

    public string Tarball => _folder.Combine($"maoocr-{Version}-linux-x64.tar.gz");

    public string ModelsTarball => _folder.Combine($"maoocr-models-{Version}.tar.gz");

    public string ReleaseLog { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        string binary = new PublishedBinaryTests.Binary().Path;
        (int code, string output, string error) = await DeployTool.RunAsync(
            Path.Combine(DeployTool.RepositoryRoot, "deploy", "release.sh"),
            [Version, "--arch", "x64", "--from-publish", $"linux-x64={Path.GetDirectoryName(binary)}", "--out", Folder],
            TimeSpan.FromMinutes(5),
            installWith: "apt-get install dpkg binutils file");
        ReleaseLog = output + error;
        Assert.True(code == 0, $"deploy/release.sh failed ({code}):\n{ReleaseLog}");
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _folder.Dispose();
}
