namespace MaoOcr.Testing;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on Dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        FullPath = Directory.CreateTempSubdirectory("maoocr-tests-").FullName;
    }

    public string FullPath { get; }

    public string Combine(params string[] parts) => Path.Combine([FullPath, .. parts]);

    /// <summary>Every file below the folder, at any depth, except the model store's ".lock" files (they stay by design).</summary>
    public string[] AllFiles() => Directory.GetFiles(FullPath, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != ".lock").ToArray();

    public void Dispose()
    {
        try
        {
            Directory.Delete(FullPath, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing a test over it is not.
        }
    }
}
