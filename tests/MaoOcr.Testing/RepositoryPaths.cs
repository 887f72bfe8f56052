namespace MaoOcr.Testing;

/// <summary>Where the repository is, for tests that read its files or run its scripts.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root (where MaoOcr.sln is), found upwards from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MaoOcr.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No MaoOcr.sln above {AppContext.BaseDirectory}.");
    }
}
