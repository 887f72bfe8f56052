namespace MaoOcr.Inference.Batching;

/// <summary>
/// The detector input sides images are padded up to. Images padded to the same height and width can share
/// a batch, and a short list of shapes keeps cuDNN's per-shape plans cached. Empty means no padding beyond
/// DB's stride of 32: the CPU default, where padding would only add compute.
/// </summary>
public sealed class DetectionBuckets
{
    /// <summary>No buckets: every image keeps its own size (multiples of 32).</summary>
    public static readonly DetectionBuckets None = new([]);

    /// <summary>
    /// The GPU default: the three accuracy levels' side limits (736, 960, 1280) and three smaller steps, so an
    /// image is padded by at most about a third of a side and there are 36 shapes to warm up.
    /// </summary>
    public static readonly DetectionBuckets Gpu = new([320, 480, 640, 736, 960, 1280]);

    /// <param name="sides">Bucket sides in pixels, each a positive multiple of 32.</param>
    /// <exception cref="ArgumentException">A side is not a positive multiple of 32.</exception>
    public DetectionBuckets(IEnumerable<int> sides)
    {
        int[] sorted = sides.Distinct().Order().ToArray();
        foreach (int side in sorted)
        {
            if (side <= 0 || side % Detection.DetectionResize.Stride != 0)
            {
                throw new ArgumentException($"A detection bucket side must be a positive multiple of {Detection.DetectionResize.Stride}; got {side}.", nameof(sides));
            }
        }
        Sides = sorted;
    }

    /// <summary>Bucket sides, ascending.</summary>
    public IReadOnlyList<int> Sides { get; }

    /// <summary>The smallest bucket side that holds <paramref name="side"/>; the side itself when it is larger than every bucket.</summary>
    public int Fit(int side)
    {
        foreach (int bucket in Sides)
        {
            if (bucket >= side)
            {
                return bucket;
            }
        }
        return side;
    }

    /// <summary>Every (height, width) pair of buckets: the shapes to warm up.</summary>
    public IEnumerable<(int Height, int Width)> Shapes()
    {
        foreach (int h in Sides)
        {
            foreach (int w in Sides)
            {
                yield return (h, w);
            }
        }
    }
}
