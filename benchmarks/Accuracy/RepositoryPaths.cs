namespace MaoOcr.Benchmarks.Accuracy;

/// <summary>Finds the repository root, so the tool works from any folder and from its build output.</summary>
internal static class RepositoryPaths
{
    /// <summary>The nearest folder above the current one, or above the binary, that holds Directory.Packages.props.</summary>
    /// <exception cref="DirectoryNotFoundException">Neither is inside the repository.</exception>
    public static string FindRoot()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new DirectoryNotFoundException("Cannot find the repository root (a folder with Directory.Packages.props); run from inside the repository.");
    }
}
