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
/// gutters is cut at them into columns, read left to right, each column cut again the same way; a band without is
/// one column, grouped into paragraphs by <see cref="ParagraphGrouper"/>.
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
    /// Groups consecutive slabs that share a column structure. A band with gutters takes the next slab when some
    /// part of a gutter at least a gutter wide stays clear of its lines (a column that ends early leaves its side
    /// empty, which keeps the gutter); a band without gutters takes the next slab when it has none either.
    /// </summary>
    private List<List<int[]>> Bands(List<int[]> slabs)
    {
        var bands = new List<List<int[]>>();
        List<int[]>? band = null;
        List<Gap> gutters = [];
        foreach (int[] slab in slabs)
        {
            if (band is not null)
            {
                if (gutters.Count > 0)
                {
                    List<Gap> kept = Projections.Uncrossed(gutters, _boxes, slab, _minGutter);
                    if (kept.Count > 0)
                    {
                        band.Add(slab);
                        gutters = kept;
                        continue;
                    }
                }
                else if (Projections.Gutters(_boxes, slab, _minGutter).Count == 0)
                {
                    band.Add(slab);
                    continue;
                }
            }
            band = [slab];
            bands.Add(band);
            gutters = Projections.Gutters(_boxes, slab, _minGutter);
        }
        return bands;
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
            foreach (List<int>? column in columns)
            {
                if (column is not null)
                {
                    Cut([.. column], depth + 1);
                }
            }
        }
    }

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
