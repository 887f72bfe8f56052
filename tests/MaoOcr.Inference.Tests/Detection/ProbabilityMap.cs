namespace MaoOcr.Inference.Tests.Detection;

/// <summary>A synthetic DB probability map, row-major, as the detector's output would be.</summary>
internal sealed class ProbabilityMap
{
    public ProbabilityMap(int width, int height)
    {
        Width = width;
        Height = height;
        Values = new float[width * height];
    }

    public int Width { get; }

    public int Height { get; }

    public float[] Values { get; }

    public float this[int x, int y]
    {
        get => Values[(y * Width) + x];
        set => Values[(y * Width) + x] = value;
    }

    /// <summary>Sets the pixels of [x, x + w) × [y, y + h).</summary>
    public ProbabilityMap Fill(int x, int y, int w, int h, float value)
    {
        for (int row = y; row < y + h; row++)
        {
            Values.AsSpan((row * Width) + x, w).Fill(value);
        }
        return this;
    }

    /// <summary>Sets every pixel within <paramref name="radius"/> of (cx, cy).</summary>
    public void Disc(int cx, int cy, int radius, float value)
    {
        for (int y = Math.Max(0, cy - radius); y <= Math.Min(Height - 1, cy + radius); y++)
        {
            for (int x = Math.Max(0, cx - radius); x <= Math.Min(Width - 1, cx + radius); x++)
            {
                if (((x - cx) * (x - cx)) + ((y - cy) * (y - cy)) <= radius * radius)
                {
                    this[x, y] = value;
                }
            }
        }
    }
}
