namespace MaoOcr.EdgeServer.Cli;

/// <summary>
/// The BUILDINFO file a release build (deploy/release.sh) lays beside the binary: the SDK, packages and native libraries
/// it was built from, one <c>key: value</c> a line. <c>maoocr version</c> prints it as it is, so what an operator reads
/// on the box is what the release recorded.
/// </summary>
internal static class BuildInfo
{
    public const string FileName = "BUILDINFO";

    // The file is a few hundred bytes; anything much larger is not ours.
    private const int MaxBytes = 64 * 1024;

    /// <summary>The file's lines, or null when the binary was not built by the release script (a developer build).</summary>
    public static IReadOnlyList<string>? Read(string binaryDirectory)
    {
        string path = Path.Combine(binaryDirectory, FileName);
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists || file.Length > MaxBytes)
            {
                return null;
            }
            return [.. File.ReadAllLines(path).Where(line => line.Length > 0)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
