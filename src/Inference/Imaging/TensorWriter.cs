using MaoOcr.Inference.Geometry;
using SkiaSharp;

namespace MaoOcr.Inference.Imaging;

/// <summary>Per-channel normalisation as a 256-entry table per channel, in the models' BGR channel order.</summary>
internal sealed class ChannelNormalization
{
    /// <summary>ImageNet mean/std, applied in BGR order as PaddleOCR's NormalizeImage does on cv2's BGR images.</summary>
    public static readonly ChannelNormalization ImageNet = new([0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);

    /// <summary>(x/255 − 0.5)/0.5, the classifier's and recogniser's normalisation.</summary>
    public static readonly ChannelNormalization Symmetric = new([0.5f, 0.5f, 0.5f], [0.5f, 0.5f, 0.5f]);

    // _table[c * 256 + v]: the normalised value of byte v in model channel c (0 = B, 1 = G, 2 = R).
    private readonly float[] _table = new float[3 * 256];

    internal ChannelNormalization(float[] mean, float[] std)
    {
        for (int c = 0; c < 3; c++)
        {
            for (int v = 0; v < 256; v++)
            {
                _table[(c * 256) + v] = ((v / 255f) - mean[c]) / std[c];
            }
        }
    }

    public ReadOnlySpan<float> Table => _table;

    /// <summary>Normalises a value that bilinear sampling left between two bytes.</summary>
    public float Apply(int channel, float value) => _table[channel * 256] + (value * (_table[(channel * 256) + 1] - _table[channel * 256]));
}

/// <summary>Writes images into NCHW float tensors, normalised, in BGR channel order.</summary>
internal static class TensorWriter
{
    /// <summary>Resizes the whole image to <paramref name="width"/>×<paramref name="height"/> and writes one CHW plane set.</summary>
    public static void WriteResized(DecodedImage image, int width, int height, ChannelNormalization norm, Span<float> chw)
    {
        using var resized = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        // Mipmaps only when shrinking by more than half: plain bilinear would skip pixels and break thin strokes.
        bool strong = width * 2 < image.Width || height * 2 < image.Height;
        var sampling = new SKSamplingOptions(SKFilterMode.Linear, strong ? SKMipmapMode.Linear : SKMipmapMode.None);
        if (!image.Bitmap.ScalePixels(resized, sampling))
        {
            throw new InvalidOperationException($"Skia could not resize a {image.Width}×{image.Height} image to {width}×{height}.");
        }
        WritePlanes(resized.GetPixelSpan(), resized.RowBytes, width, height, norm, chw);
    }

    internal static void WritePlanes(ReadOnlySpan<byte> rgba, int rowBytes, int width, int height, ChannelNormalization norm, Span<float> chw)
    {
        int plane = width * height;
        Span<float> b = chw.Slice(0, plane), g = chw.Slice(plane, plane), r = chw.Slice(2 * plane, plane);
        ReadOnlySpan<float> table = norm.Table;
        ReadOnlySpan<float> tb = table.Slice(0, 256), tg = table.Slice(256, 256), tr = table.Slice(512, 256);
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = rgba.Slice(y * rowBytes, width * 4);
            int o = y * width;
            for (int x = 0, i = 0; x < width; x++, i += 4)
            {
                r[o + x] = tr[row[i]];
                g[o + x] = tg[row[i + 1]];
                b[o + x] = tb[row[i + 2]];
            }
        }
    }

    /// <summary>
    /// Pulls the quad's pixels into a <paramref name="tensorHeight"/>×<paramref name="tensorWidth"/> slot,
    /// filling the first <paramref name="contentWidth"/> columns and zeroing the rest (PaddleOCR pads after
    /// normalisation). Crop, turn and resize are one bilinear resample, with edges clamped as cv2's
    /// BORDER_REPLICATE does.
    /// </summary>
    public static void WriteQuad(DecodedImage image, Quad quad, int contentWidth, int tensorWidth, int tensorHeight, ChannelNormalization norm, Span<float> chw)
    {
        int plane = tensorWidth * tensorHeight;
        Span<float> b = chw.Slice(0, plane), g = chw.Slice(plane, plane), r = chw.Slice(2 * plane, plane);
        ReadOnlySpan<byte> px = image.Pixels;
        int stride = image.RowBytes;
        int maxX = image.Width - 1, maxY = image.Height - 1;
        var map = new Homography(quad);
        float invW = 1f / contentWidth, invH = 1f / tensorHeight;
        // Sample pixel centres of the destination across the quad's full extent.
        float su = (float)contentWidth / Math.Max(contentWidth - 1, 1), sv = (float)tensorHeight / Math.Max(tensorHeight - 1, 1);
        for (int y = 0; y < tensorHeight; y++)
        {
            int o = y * tensorWidth;
            float v = y * invH * sv;
            for (int x = 0; x < contentWidth; x++)
            {
                (float sx, float sy) = map.Map(x * invW * su, v);
                sx = Math.Clamp(sx, 0, maxX);
                sy = Math.Clamp(sy, 0, maxY);
                int x0 = (int)sx, y0 = (int)sy;
                int x1 = Math.Min(x0 + 1, maxX), y1 = Math.Min(y0 + 1, maxY);
                float fx = sx - x0, fy = sy - y0;
                int i00 = (y0 * stride) + (x0 * 4), i01 = (y0 * stride) + (x1 * 4);
                int i10 = (y1 * stride) + (x0 * 4), i11 = (y1 * stride) + (x1 * 4);
                float w00 = (1 - fx) * (1 - fy), w01 = fx * (1 - fy), w10 = (1 - fx) * fy, w11 = fx * fy;
                r[o + x] = norm.Apply(2, (px[i00] * w00) + (px[i01] * w01) + (px[i10] * w10) + (px[i11] * w11));
                g[o + x] = norm.Apply(1, (px[i00 + 1] * w00) + (px[i01 + 1] * w01) + (px[i10 + 1] * w10) + (px[i11 + 1] * w11));
                b[o + x] = norm.Apply(0, (px[i00 + 2] * w00) + (px[i01 + 2] * w01) + (px[i10 + 2] * w10) + (px[i11 + 2] * w11));
            }
            if (contentWidth < tensorWidth)
            {
                r.Slice(o + contentWidth, tensorWidth - contentWidth).Clear();
                g.Slice(o + contentWidth, tensorWidth - contentWidth).Clear();
                b.Slice(o + contentWidth, tensorWidth - contentWidth).Clear();
            }
        }
    }
}
