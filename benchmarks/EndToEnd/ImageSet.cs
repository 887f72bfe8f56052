namespace MaoOcr.Benchmarks.EndToEnd;

/// <summary>The images a run sends: every image file of a folder, read once into memory, in name order.</summary>
internal sealed class ImageSet
{
    private static readonly string[] s_extensions = [".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif"];

    private ImageSet(IReadOnlyList<(string Name, byte[] Bytes)> images) => Images = images;

    public IReadOnlyList<(string Name, byte[] Bytes)> Images { get; }

    public long TotalBytes => Images.Sum(i => (long)i.Bytes.Length);

    /// <exception cref="IOException">The folder is missing, unreadable, or holds no image.</exception>
    public static ImageSet Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new IOException($"no such folder: {directory}");
        }
        List<(string, byte[])> images = [.. Directory.EnumerateFiles(directory)
            .Where(f => s_extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))];
        return images.Count == 0 ? throw new IOException($"no image files ({string.Join(", ", s_extensions)}) in {directory}") : new ImageSet(images);
    }
}
