using MaoOcr.Inference.Geometry;
using MaoOcr.Inference.Imaging;
using MaoOcr.Inference.Layout;

namespace MaoOcr.Inference.Pipeline;

/// <summary>
/// The page the pipeline reads: the image as sent, or a turned copy of it that it owns.
/// </summary>
/// <param name="Image">The upright pixels.</param>
/// <param name="Rotation">Degrees clockwise the image as sent was turned to give <paramref name="Image"/>: 0, 90, 180 or 270.</param>
internal readonly record struct UprightPage(DecodedImage Image, int Rotation) : IDisposable
{
    /// <summary>A box of the upright page in the coordinates of the image as sent, its corners kept in reading order (the first is where the text starts).</summary>
    public ImagePoint[] ToSent(Quad box) => QuarterTurn.Map(box, QuarterTurn.Inverse(Rotation), Image.Width, Image.Height).ToArray();

    /// <summary>Lines whose boxes are in the upright page, with their boxes in the image as sent.</summary>
    public IReadOnlyList<RecognizedLine> ToSent(IReadOnlyList<RecognizedLine> lines)
    {
        UprightPage page = this;
        return Rotation == 0 ? lines : [.. lines.Select(l => l with { Box = page.ToSent(Quad.FromCorners([.. l.Box])) })];
    }

    /// <summary>Blocks whose boxes are in the upright page, with their boxes in the image as sent.</summary>
    public IReadOnlyList<TextBlock> ToSent(IReadOnlyList<TextBlock> blocks)
    {
        UprightPage page = this;
        return Rotation == 0 ? blocks : [.. blocks.Select(b => b with { Box = page.ToSent(Quad.FromCorners([.. b.Box])) })];
    }

    /// <summary>Frees the turned copy; the image as sent belongs to the caller.</summary>
    public void Dispose()
    {
        if (Rotation != 0)
        {
            Image.Dispose();
        }
    }
}
