using System.Buffers;

namespace MaoOcr.Inference.Detection;

/// <summary>
/// 8-connected components of a binary map, found run by run: each row's runs are joined to the runs of the
/// row above that touch them (including diagonally). Working on runs instead of pixels keeps the cost
/// proportional to text edges, not image area, and gives each component's left and right edge per row,
/// which is all the convex hull needs.
/// </summary>
internal sealed class ConnectedComponents : IDisposable
{
    private PixelRun[] _runs;
    private int[] _parent;

    public ConnectedComponents(int capacity = 4096)
    {
        _runs = ArrayPool<PixelRun>.Shared.Rent(capacity);
        _parent = ArrayPool<int>.Shared.Rent(capacity);
    }

    /// <summary>Runs found by the last <see cref="Label"/>, in row order; <see cref="PixelRun.Label"/> is the component's root.</summary>
    public ReadOnlySpan<PixelRun> Runs => _runs.AsSpan(0, RunCount);

    public int RunCount { get; private set; }

    /// <summary>Labels the pixels of <paramref name="map"/> (row-major, <paramref name="width"/> wide) whose value exceeds <paramref name="threshold"/>.</summary>
    public void Label(ReadOnlySpan<float> map, int width, int height, float threshold)
    {
        RunCount = 0;
        int previousRowStart = 0, previousRowEnd = 0;
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<float> row = map.Slice(y * width, width);
            int rowStart = RunCount;
            // Runs of both rows are in x order, so the first run above that can touch this one only moves right.
            int above = previousRowStart;
            int x = 0;
            while (x < width)
            {
                while (x < width && row[x] <= threshold)
                {
                    x++;
                }
                if (x == width)
                {
                    break;
                }
                int start = x;
                while (x < width && row[x] > threshold)
                {
                    x++;
                }
                int index = AddRun(y, start, x);
                // Join with runs above that overlap [start - 1, x + 1): 8-connectivity.
                while (above < previousRowEnd && _runs[above].End < start)
                {
                    above++;
                }
                for (int k = above; k < previousRowEnd && _runs[k].Start <= x; k++)
                {
                    Union(index, k);
                }
            }
            previousRowStart = rowStart;
            previousRowEnd = RunCount;
        }
        for (int i = 0; i < RunCount; i++)
        {
            _runs[i].Label = Find(i);
        }
    }

    public void Dispose()
    {
        ArrayPool<PixelRun>.Shared.Return(_runs);
        ArrayPool<int>.Shared.Return(_parent);
    }

    private int AddRun(int row, int start, int end)
    {
        if (RunCount == _runs.Length)
        {
            Grow();
        }
        int index = RunCount++;
        _runs[index] = new PixelRun { Row = row, Start = start, End = end };
        _parent[index] = index;
        return index;
    }

    private void Grow()
    {
        PixelRun[] runs = ArrayPool<PixelRun>.Shared.Rent(_runs.Length * 2);
        int[] parent = ArrayPool<int>.Shared.Rent(_runs.Length * 2);
        _runs.AsSpan(0, RunCount).CopyTo(runs);
        _parent.AsSpan(0, RunCount).CopyTo(parent);
        ArrayPool<PixelRun>.Shared.Return(_runs);
        ArrayPool<int>.Shared.Return(_parent);
        _runs = runs;
        _parent = parent;
    }

    private int Find(int i)
    {
        while (_parent[i] != i)
        {
            _parent[i] = _parent[_parent[i]];
            i = _parent[i];
        }
        return i;
    }

    private void Union(int a, int b)
    {
        int ra = Find(a), rb = Find(b);
        if (ra != rb)
        {
            // Keep the older (smaller) root so labels follow the order components first appear.
            if (ra < rb)
            {
                _parent[rb] = ra;
            }
            else
            {
                _parent[ra] = rb;
            }
        }
    }
}
