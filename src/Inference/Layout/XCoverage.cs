namespace MaoOcr.Inference.Layout;

/// <summary>
/// The union of boxes' extents on the x axis, kept as sorted disjoint intervals so that a band of slabs can grow one
/// slab at a time without sorting all its lines again.
/// </summary>
internal sealed class XCoverage
{
    private readonly List<Gap> _covered = [];

    public XCoverage Clone()
    {
        var copy = new XCoverage();
        copy._covered.AddRange(_covered);
        return copy;
    }

    public void Add(LineBox box)
    {
        float start = box.Left, end = box.Right;
        // The first interval that ends at or after this box's start: everything before it stays.
        int first = 0;
        while (first < _covered.Count && _covered[first].End < start)
        {
            first++;
        }
        int last = first;
        while (last < _covered.Count && _covered[last].Start <= end)
        {
            start = MathF.Min(start, _covered[last].Start);
            end = MathF.Max(end, _covered[last].End);
            last++;
        }
        _covered.RemoveRange(first, last - first);
        _covered.Insert(first, new Gap(start, end));
    }

    /// <summary>The uncovered stretches at least <paramref name="minWidth"/> wide between the first and the last interval.</summary>
    public List<Gap> Gaps(float minWidth)
    {
        var gaps = new List<Gap>();
        for (int i = 1; i < _covered.Count; i++)
        {
            if (_covered[i].Start - _covered[i - 1].End >= minWidth)
            {
                gaps.Add(new Gap(_covered[i - 1].End, _covered[i].Start));
            }
        }
        return gaps;
    }
}
