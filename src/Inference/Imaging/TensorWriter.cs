using MaoOcr.Inference.Geometry;
using SkiaSharp;

namespace MaoOcr.Inference.Imaging;

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

    internal static unsafe void WritePlanes(ReadOnlySpan<byte> rgba, int rowBytes, int width, int height, ChannelNormalization norm, Span<float> chw)
    {
        int plane = width * height;
        if (chw.Length < 3 * plane || rgba.Length < ((height - 1) * rowBytes) + (width * 4))
        {
            throw new ArgumentException("The tensor or the pixels are smaller than the image.", nameof(chw));
        }
        fixed (byte* pixels = rgba)
        fixed (float* tensor = chw)
        fixed (float* table = norm.Table)
        {
            float* b = tensor, g = tensor + plane, r = tensor + (2 * plane);
            float* tb = table, tg = table + 256, tr = table + 512;
            for (int y = 0; y < height; y++)
            {
                byte* row = pixels + (y * rowBytes);
                int o = y * width;
                for (int x = 0; x < width; x++, row += 4)
                {
                    r[o + x] = tr[row[0]];
                    g[o + x] = tg[row[1]];
                    b[o + x] = tb[row[2]];
                }
            }
        }
    }

    /// <summary>
    /// Pulls the quad's pixels into a <paramref name="tensorHeight"/>×<paramref name="tensorWidth"/> slot,
    /// filling the first <paramref name="contentWidth"/> columns and zeroing the rest (PaddleOCR pads after
    /// normalisation). Crop, turn and resize are one bilinear resample, with edges clamped as cv2's
    /// BORDER_REPLICATE does.
    /// </summary>
    public static unsafe void WriteQuad(DecodedImage image, Quad quad, int contentWidth, int tensorWidth, int tensorHeight, ChannelNormalization norm, Span<float> chw)
    {
        int plane = tensorWidth * tensorHeight;
        if (chw.Length < 3 * plane || contentWidth > tensorWidth || contentWidth < 1)
        {
            throw new ArgumentException("The tensor slot is smaller than the quad's sampling grid.", nameof(chw));
        }
        int stride = image.RowBytes;
        float maxX = image.Width - 1, maxY = image.Height - 1;
        int lastX = image.Width - 1, lastY = image.Height - 1;
        var map = new Homography(quad);
        // Destination pixel k samples u = k/(W−1), so the first and last columns land on the quad's edges.
        float du = 1f / Math.Max(contentWidth - 1, 1), dv = 1f / Math.Max(tensorHeight - 1, 1);
        float sr = norm.Scale(2), sg = norm.Scale(1), sb = norm.Scale(0);
        float br = norm.Bias(2), bg = norm.Bias(1), bb = norm.Bias(0);
        (float stepX, float stepY) = map.StepU;
        stepX *= du;
        stepY *= du;
        bool affine = map.IsAffine;

        fixed (byte* pixels = image.Pixels)
        fixed (float* tensor = chw)
        {
            float* b = tensor, g = tensor + plane, r = tensor + (2 * plane);
            for (int y = 0; y < tensorHeight; y++)
            {
                float v = y * dv;
                int o = y * tensorWidth;
                (float fx0, float fy0) = map.Map(0, v);
                for (int x = 0; x < contentWidth; x++)
                {
                    float sx, sy;
                    if (affine)
                    {
                        sx = fx0 + (x * stepX);
                        sy = fy0 + (x * stepY);
                    }
                    else
                    {
                        (sx, sy) = map.Map(x * du, v);
                    }
                    sx = Math.Clamp(sx, 0, maxX);
                    sy = Math.Clamp(sy, 0, maxY);
                    int x0 = (int)sx, y0 = (int)sy;
                    float fx = sx - x0, fy = sy - y0;
                    byte* p00 = pixels + (y0 * stride) + (x0 * 4);
                    byte* p01 = x0 < lastX ? p00 + 4 : p00;
                    byte* p10 = y0 < lastY ? p00 + stride : p00;
                    byte* p11 = x0 < lastX ? p10 + 4 : p10;
                    float w00 = (1 - fx) * (1 - fy), w01 = fx * (1 - fy), w10 = (1 - fx) * fy, w11 = fx * fy;
                    r[o + x] = (((p00[0] * w00) + (p01[0] * w01) + (p10[0] * w10) + (p11[0] * w11)) * sr) + br;
                    g[o + x] = (((p00[1] * w00) + (p01[1] * w01) + (p10[1] * w10) + (p11[1] * w11)) * sg) + bg;
                    b[o + x] = (((p00[2] * w00) + (p01[2] * w01) + (p10[2] * w10) + (p11[2] * w11)) * sb) + bb;
                }
                int pad = tensorWidth - contentWidth;
                if (pad > 0)
                {
                    new Span<float>(r + o + contentWidth, pad).Clear();
                    new Span<float>(g + o + contentWidth, pad).Clear();
                    new Span<float>(b + o + contentWidth, pad).Clear();
                }
            }
        }
    }
}
