using SkiaSharp;

namespace MaoOcr.Testing;

/// <summary>Effects applied to output pixels after the warp; none of them moves text, so ground truth is untouched.</summary>
internal static class PixelEffects
{
    /// <summary>Darkens the image along a random direction, from nothing to <paramref name="falloff"/> of the light lost.</summary>
    public static void ApplyLighting(SKBitmap bitmap, float falloff, Random random)
    {
        if (falloff <= 0f)
        {
            return;
        }
        double angle = random.NextDouble() * 2 * Math.PI;
        float dx = (float)Math.Cos(angle), dy = (float)Math.Sin(angle);
        float reach = ((Math.Abs(dx) * bitmap.Width) + (Math.Abs(dy) * bitmap.Height)) / 2f;
        var centre = new SKPoint(bitmap.Width / 2f, bitmap.Height / 2f);
        byte alpha = (byte)Math.Round(Math.Clamp(falloff, 0f, 1f) * 255);
        using SKShader shader = SKShader.CreateLinearGradient(
            new SKPoint(centre.X - (dx * reach), centre.Y - (dy * reach)),
            new SKPoint(centre.X + (dx * reach), centre.Y + (dy * reach)),
            [SKColors.Black.WithAlpha(0), SKColors.Black.WithAlpha(alpha)],
            SKShaderTileMode.Clamp);
        using var paint = new SKPaint { Shader = shader, IsDither = true };
        using var canvas = new SKCanvas(bitmap);
        canvas.DrawRect(0, 0, bitmap.Width, bitmap.Height, paint);
    }

    /// <summary>A Gaussian blur with edges clamped, so the border does not darken.</summary>
    public static SKBitmap Blur(SKBitmap bitmap, float sigma)
    {
        SKBitmap target = TextImageRenderer.NewBitmap(bitmap.Width, bitmap.Height);
        using var canvas = new SKCanvas(target);
        using SKImageFilter filter = SKImageFilter.CreateBlur(sigma, sigma, SKShaderTileMode.Clamp);
        using var paint = new SKPaint { ImageFilter = filter };
        using SKImage image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), paint);
        return target;
    }

    /// <summary>Adds independent Gaussian noise of standard deviation <paramref name="sigma"/> levels to each colour channel.</summary>
    public static void AddNoise(SKBitmap bitmap, float sigma, Random random)
    {
        if (sigma <= 0f)
        {
            return;
        }
        Span<byte> pixels = bitmap.GetPixelSpan();
        double spare = 0;
        bool hasSpare = false;
        for (int i = 0; i < pixels.Length; i += 4)
        {
            for (int channel = 0; channel < 3; channel++)
            {
                double gaussian;
                if (hasSpare)
                {
                    gaussian = spare;
                    hasSpare = false;
                }
                else
                {
                    // Box–Muller: two independent standard normals from two uniforms.
                    double u1 = 1.0 - random.NextDouble();
                    double u2 = random.NextDouble();
                    double radius = Math.Sqrt(-2.0 * Math.Log(u1));
                    gaussian = radius * Math.Cos(2 * Math.PI * u2);
                    spare = radius * Math.Sin(2 * Math.PI * u2);
                    hasSpare = true;
                }
                int value = pixels[i + channel] + (int)Math.Round(gaussian * sigma);
                pixels[i + channel] = (byte)Math.Clamp(value, 0, 255);
            }
        }
    }
}
