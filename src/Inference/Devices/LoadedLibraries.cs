namespace MaoOcr.Inference.Devices;

/// <summary>
/// Which file the dynamic loader mapped for a library, read from <c>/proc/self/maps</c>: the real path, after
/// symbolic links (libcudart.so.13 is mapped as, say, libcudart.so.13.0.96), so an operator sees which CUDA was used.
/// </summary>
internal static class LoadedLibraries
{
    private const string Maps = "/proc/self/maps";

    /// <summary>The mapped file whose name is <paramref name="soname"/> or starts with it and a dot; null when none is mapped.</summary>
    public static string? PathOf(string soname)
    {
        if (!File.Exists(Maps))
        {
            return null;
        }
        foreach (string line in File.ReadLines(Maps))
        {
            // "address perms offset dev inode path": the path, when there is one, starts at the first '/'.
            int slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                continue;
            }
            string path = line[slash..];
            string name = Path.GetFileName(path);
            if (name == soname || (name.StartsWith(soname, StringComparison.Ordinal) && name.Length > soname.Length && name[soname.Length] == '.'))
            {
                return path;
            }
        }
        return null;
    }
}
