namespace MaoOcr.EdgeServer.Tests.Cli;

public sealed class BuildInfoTests
{
    [Fact]
    public void A_release_binary_prints_its_buildinfo_as_recorded()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("BUILDINFO"), "version: 1.2.3\ndotnet-sdk: 10.0.401\n\nonnxruntime: 1.32.0\n");
        var output = new StringWriter();

        VersionCommand.WriteBuildInfo(BuildInfo.Read(folder.FullPath), output);

        Assert.Equal("build (BUILDINFO):\n  version: 1.2.3\n  dotnet-sdk: 10.0.401\n  onnxruntime: 1.32.0\n", output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_developer_build_says_it_has_no_buildinfo()
    {
        using var folder = new TempDirectory();
        var output = new StringWriter();

        VersionCommand.WriteBuildInfo(BuildInfo.Read(folder.FullPath), output);

        Assert.Contains("a developer build", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_far_larger_than_a_buildinfo_is_not_read()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("BUILDINFO"), new string('x', 70 * 1024));

        Assert.Null(BuildInfo.Read(folder.FullPath));
    }
}
