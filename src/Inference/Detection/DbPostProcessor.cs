using System.Buffers;
using MaoOcr.Inference.Geometry;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Inference.Detection;

/// <summary>
/// Turns DB's probability map into text boxes: threshold, connected components, minimum-area rectangle,
/// box score, unclip, and mapping back to the original image.
/// </summary>
internal static class DbPostProcessor
{
    public static List<Quad> Process(ReadOnlySpan<float> map, int mapWidth, int mapHeight, int imageWidth, int imageHeight, DbSettings settings)
    {
        var boxes = new List<Quad>();
        using var components = new ConnectedComponents();
        components.Label(map, mapWidth, mapHeight, settings.BinaryThreshold);
        if (components.RunCount == 0)
        {
            return boxes;
        }

        PixelRun[] runs = ArrayPool<PixelRun>.Shared.Rent(components.RunCount);
        ImagePoint[] points = ArrayPool<ImagePoint>.Shared.Rent((2 * components.RunCount) + 1);
        ImagePoint[] hull = ArrayPool<ImagePoint>.Shared.Rent((2 * components.RunCount) + 1);
        try
        {
            Span<PixelRun> sorted = runs.AsSpan(0, components.RunCount);
            components.Runs.CopyTo(sorted);
            // Group runs by component; within one, rows stay in order because labels were assigned in row order.
            sorted.Sort(static (a, b) => a.Label != b.Label ? a.Label.CompareTo(b.Label) : a.Row != b.Row ? a.Row.CompareTo(b.Row) : a.Start.CompareTo(b.Start));

            float scaleX = (float)imageWidth / mapWidth;
            float scaleY = (float)imageHeight / mapHeight;
            int candidates = 0;
            for (int i = 0; i < sorted.Length && candidates < DbSettings.MaxCandidates;)
            {
                int label = sorted[i].Label;
                int count = 0;
                for (; i < sorted.Length && sorted[i].Label == label; i++)
                {
                    // Pixel centres of the run's two ends, as OpenCV's contour points are.
                    points[count++] = new ImagePoint(sorted[i].Start, sorted[i].Row);
                    points[count++] = new ImagePoint(sorted[i].End - 1, sorted[i].Row);
                }
                candidates++;

                int hullCount = ConvexHull.Compute(points.AsSpan(0, count), hull);
                RotatedRect rect = MinAreaRect.OfConvexPolygon(hull.AsSpan(0, hullCount));
                if (rect.ShortSide < settings.MinBoxSide)
                {
                    continue;
                }
                if (BoxScore.Fast(map, mapWidth, mapHeight, rect.ToQuad()) < settings.BoxThreshold)
                {
                    continue;
                }
                RotatedRect grown = rect.Unclip(settings.UnclipRatio);
                if (grown.ShortSide < settings.MinBoxSide + 2)
                {
                    continue;
                }
                Quad mapped = Scale(grown.ToQuad(), scaleX, scaleY, imageWidth, imageHeight);
                // PaddleOCR's filter_tag_det_res: drop slivers after clipping to the image.
                if ((int)mapped.Width <= 3 || (int)mapped.Height <= 3)
                {
                    continue;
                }
                boxes.Add(mapped);
            }
        }
        finally
        {
            ArrayPool<PixelRun>.Shared.Return(runs);
            ArrayPool<ImagePoint>.Shared.Return(points);
            ArrayPool<ImagePoint>.Shared.Return(hull);
        }
        return boxes;
    }

    private static Quad Scale(Quad q, float sx, float sy, int width, int height)
    {
        return new Quad(Map(q.P0), Map(q.P1), Map(q.P2), Map(q.P3));

        ImagePoint Map(ImagePoint p) => new(Math.Clamp(MathF.Round(p.X * sx), 0, width), Math.Clamp(MathF.Round(p.Y * sy), 0, height));
    }
}
