using MaoOcr.Inference.Geometry;

namespace MaoOcr.Inference.Recognition;

/// <summary>
/// Groups crops for batched inference: sorted by aspect ratio so each batch pads little, and each batch's
/// tensor as wide as its widest crop (never narrower than the model's 320×48 training shape).
/// </summary>
internal static class RecognitionBatches
{
    /// <summary>The recogniser's input height (PP-OCRv4 rec_image_shape 3,48,320).</summary>
    public const int Height = 48;

    /// <summary>The narrowest batch: the training width/height ratio 320/48.</summary>
    public const float MinRatio = 320f / 48f;

    /// <summary>Crop indexes ordered by width/height ratio, narrowest first.</summary>
    public static int[] OrderByRatio(IReadOnlyList<Quad> quads)
    {
        int[] order = Enumerable.Range(0, quads.Count).ToArray();
        float[] ratios = quads.Select(Ratio).ToArray();
        Array.Sort(ratios, order);
        return order;
    }

    public static float Ratio(Quad q) => q.Width / MathF.Max(q.Height, 1f);

    /// <summary>Tensor widths are multiples of this (4 CTC steps): a bounded set of shapes keeps ORT's per-shape plans and arena reuse effective.</summary>
    public const int WidthStep = 32;

    /// <summary>
    /// The tensor width for a batch whose widest crop has <paramref name="maxRatio"/>, rounded up to
    /// <paramref name="step"/> (<see cref="WidthStep"/> unless the engine buckets widths more coarsely for the
    /// GPU); the extra columns are zero padding, as PaddleOCR pads.
    /// </summary>
    public static int TensorWidth(float maxRatio, int height = Height, int step = WidthStep)
    {
        int width = (int)(height * MathF.Max(maxRatio, MinRatio));
        return (width + step - 1) / step * step;
    }

    /// <summary>The columns a crop fills, before padding (PaddleOCR resize_norm_img).</summary>
    public static int ContentWidth(float ratio, int tensorWidth, int height = Height) => Math.Clamp((int)MathF.Ceiling(height * ratio), 1, tensorWidth);
}
