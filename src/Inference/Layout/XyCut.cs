namespace MaoOcr.Inference.Layout;

/// <summary>
/// Orders a page's lines into blocks by a recursive XY-cut that cuts rows only where the column structure changes.
/// <para>
/// The classic XY-cut (Nagy and Seth, 1984) splits a region at the widest empty stretch of its projection on either
/// axis. On a two-column page whose baselines line up, that stretch is often a gap between rows that crosses both
/// columns, and the page is then read across the columns. Here a region is first cut into slabs at every gap
/// between rows (<see cref="Projections.Slabs"/>); consecutive slabs form a band while some column gutter runs
/// through all of them (<see cref="Bands"/>). A full-width title or footer crosses the gutters, so it ends one band
/// and is a band of its own: it is read before or after the columns, as it stands on the page. Each band with
/// gutters is cut at them into columns, read left to right (top to bottom when they do not overlap in height: a
/// staircase, not columns), each column cut again the same way; a band without is one column, grouped into
/// paragraphs by <see cref="ParagraphGrouper"/>.
/// </para>
/// <para>
/// A band with gutters whose slabs are single rows of short lines is a table (<see cref="IsTable"/>): each row
/// is a block, read left to right, rows top to bottom, and the cells are not gathered into column blocks.
/// </para>
/// <para>
/// Each level sorts its lines (O(m log m)); columns nest at most <see cref="LayoutThresholds.MaxDepth"/> deep, so a
/// page costs O(n log n) per level of nesting.
/// </para>
/// </summary>
internal sealed class XyCut
{
    private readonly LineBox[] _boxes;
    private readonly float _minGutter;
    private readonly List<LayoutBlock> _blocks = [];

    private XyCut(LineBox[] boxes, float minGutter)
    {
        _boxes = boxes;
        _minGutter = minGutter;
    }

    /// <summary>The blocks of <paramref name="boxes"/> in reading order; every box is in exactly one block.</summary>
    /// <param name="boxes">The lines in the upright frame; <see cref="LineBox.Line"/> is each box's own index.</param>
    /// <param name="minGutter">The narrowest column gutter, in pixels.</param>
    public static List<LayoutBlock> Order(LineBox[] boxes, float minGutter)
    {
        var cut = new XyCut(boxes, minGutter);
        if (boxes.Length > 0)
        {
            cut.Cut(Enumerable.Range(0, boxes.Length).ToArray(), depth: 0);
        }
        return cut._blocks;
    }

    private void Cut(int[] members, int depth)
    {
        List<int[]> slabs = Projections.Slabs(_boxes, members);
        if (depth >= LayoutThresholds.MaxDepth)
        {
            ParagraphGrouper.Group(_boxes, slabs, _blocks);
            return;
        }
        foreach (List<int[]> band in Bands(slabs))
        {
            CutBand(band, depth);
        }
    }

    /// <summary>
    /// Groups consecutive slabs that share a column structure: a slab joins the band above when every gutter of the
    /// band stays open, at least a gutter wide, with the slab's lines added, and, when the band has none, every gutter
    /// of the slab stays open with the band's lines added. A column that ends
    /// early leaves its side of the band empty, which keeps the gutter; a title, a footer or a paragraph across the
    /// columns closes it and starts a band; so does the first row of a table under a paragraph. Slabs without
    /// gutters of their own join as long as nothing closes, so columns whose rows never line up (lines of one column
    /// between the rows of the other) still form one band.
    /// </summary>
    private List<List<int[]>> Bands(List<int[]> slabs)
    {
        var bands = new List<List<int[]>>();
        List<int[]>? band = null;
        var coverage = new XCoverage();
        foreach (int[] slab in slabs)
        {
            if (band is not null)
            {
                List<Gap> before = coverage.Gaps(_minGutter);
                var joined = coverage.Clone();
                foreach (int i in slab)
                {
                    joined.Add(_boxes[i]);
                }
                List<Gap> after = joined.Gaps(_minGutter);
                // A band without gutters also keeps the slab's: a title does not swallow the first row of the columns
                // under it. A band with gutters may close the slab's own (a key and its value inside one column).
                if (StayOpen(before, after) && (before.Count > 0 || StayOpen(Projections.Gutters(_boxes, slab, _minGutter), after)))
                {
                    band.Add(slab);
                    coverage = joined;
                    continue;
                }
            }
            band = [slab];
            bands.Add(band);
            coverage = new XCoverage();
            foreach (int i in slab)
            {
                coverage.Add(_boxes[i]);
            }
        }
        return bands;
    }

    /// <summary>Whether each gutter of <paramref name="gutters"/> still holds an open stretch at least a gutter wide in <paramref name="open"/>.</summary>
    private bool StayOpen(List<Gap> gutters, List<Gap> open)
    {
        foreach (Gap gutter in gutters)
        {
            bool kept = false;
            foreach (Gap gap in open)
            {
                kept |= MathF.Min(gutter.End, gap.End) - MathF.Max(gutter.Start, gap.Start) >= _minGutter;
            }
            if (!kept)
            {
                return false;
            }
        }
        return true;
    }

    private void CutBand(List<int[]> band, int depth)
    {
        int[] members = band.Count == 1 ? band[0] : [.. band.SelectMany(static slab => slab)];
        List<Gap> gutters = Projections.Gutters(_boxes, members, _minGutter);
        if (gutters.Count == 0)
        {
            ParagraphGrouper.Group(_boxes, band, _blocks);
        }
        else if (IsTable(band, members))
        {
            foreach (int[] row in band)
            {
                _blocks.Add(new LayoutBlock([row]));
            }
        }
        else
        {
            // Gutters are gaps in these very lines' projection, so no line straddles one.
            var columns = new List<int>[gutters.Count + 1];
            foreach (int i in members)
            {
                int column = 0;
                while (column < gutters.Count && _boxes[i].Left >= gutters[column].End)
                {
                    column++;
                }
                (columns[column] ??= []).Add(i);
            }
            List<int[]> parts = [.. columns.Where(static c => c is not null).Select(static c => c!.ToArray())];
            if (AreStacked(parts))
            {
                parts.Sort((a, b) => Top(a).CompareTo(Top(b)));
            }
            foreach (int[] part in parts)
            {
                Cut(part, depth + 1);
            }
        }
    }

    /// <summary>
    /// Whether the parts lie one wholly above the next (by their box middles): a staircase, such as a date at the
    /// top right over a letter's body, is read top to bottom; columns side by side overlap in height.
    /// </summary>
    private bool AreStacked(List<int[]> parts)
    {
        var spans = parts.ConvertAll(part => (Top: Top(part), Bottom: part.Max(i => _boxes[i].CoreBottom)));
        spans.Sort((a, b) => a.Top.CompareTo(b.Top));
        float reach = float.NegativeInfinity;
        foreach ((float top, float bottom) in spans)
        {
            if (top < reach)
            {
                return false;
            }
            reach = MathF.Max(reach, bottom);
        }
        return true;
    }

    private float Top(int[] part) => part.Min(i => _boxes[i].CoreTop);

    /// <summary>
    /// A band is a table when each slab is a single row and the lines are short: a median width under
    /// <see cref="LayoutThresholds.TableCellMaxWidthHeights"/> line heights. Columns of running text whose baselines
    /// line up also form single-row slabs, but their lines are long.
    /// </summary>
    private bool IsTable(List<int[]> band, int[] members)
    {
        foreach (int[] slab in band)
        {
            if (!Projections.IsSingleRow(_boxes, slab))
            {
                return false;
            }
        }
        var widths = new List<float>(members.Length);
        var heights = new List<float>(members.Length);
        foreach (int i in members)
        {
            widths.Add(_boxes[i].Width);
            heights.Add(_boxes[i].Height);
        }
        return Projections.LowerMedian(widths) < LayoutThresholds.TableCellMaxWidthHeights * Projections.LowerMedian(heights);
    }
}
