using SkiaSharp;

namespace MaoOcr.Testing;

internal static class SceneBackgroundPainter
{
    public static void Paint(SKCanvas canvas, int width, int height, SceneBackground background, Random random)
    {
        switch (background.Kind)
        {
            case BackgroundKind.Solid:
                canvas.Clear(background.Color);
                break;
            case BackgroundKind.Gradient:
                PaintGradient(canvas, width, height, background);
                break;
            case BackgroundKind.Paper:
                PaintPaper(canvas, width, height, background.Color, random);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(background), background.Kind, null);
        }
    }

    private static void PaintGradient(SKCanvas canvas, int width, int height, SceneBackground background)
    {
        double radians = background.AngleDegrees * Math.PI / 180;
        float dx = (float)Math.Cos(radians), dy = (float)Math.Sin(radians);
        float reach = ((Math.Abs(dx) * width) + (Math.Abs(dy) * height)) / 2f;
        var centre = new SKPoint(width / 2f, height / 2f);
        var start = new SKPoint(centre.X - (dx * reach), centre.Y - (dy * reach));
        var end = new SKPoint(centre.X + (dx * reach), centre.Y + (dy * reach));
        using SKShader shader = SKShader.CreateLinearGradient(start, end, [background.Color, background.SecondColor], SKShaderTileMode.Clamp);
        using var paint = new SKPaint { Shader = shader, IsDither = true };
        canvas.DrawRect(0, 0, width, height, paint);
    }

    // Paper is the base colour with large soft blotches a few levels lighter or darker, and faint short fibres.
    // Both stay well under the contrast of text so they read as texture, not as marks to detect.
    private static void PaintPaper(SKCanvas canvas, int width, int height, SKColor color, Random random)
    {
        canvas.Clear(color);
        int longer = Math.Max(width, height);
        int blotches = 12 + ((width * height) / 150_000);
        using var paint = new SKPaint { IsAntialias = true };
        for (int i = 0; i < blotches; i++)
        {
            float radius = longer * (0.05f + (0.2f * random.NextSingle()));
            int delta = random.Next(6, 15) * (random.Next(2) == 0 ? -1 : 1);
            paint.Color = Shift(color, delta).WithAlpha((byte)random.Next(40, 90));
            using SKMaskFilter blur = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, radius / 2f);
            paint.MaskFilter = blur;
            canvas.DrawCircle(random.NextSingle() * width, random.NextSingle() * height, radius, paint);
            paint.MaskFilter = null;
        }

        int fibres = (width * height) / 20_000;
        paint.Style = SKPaintStyle.Stroke;
        for (int i = 0; i < fibres; i++)
        {
            float x = random.NextSingle() * width, y = random.NextSingle() * height;
            float length = 5 + (25 * random.NextSingle());
            double angle = random.NextDouble() * Math.PI;
            paint.StrokeWidth = 0.5f + (0.5f * random.NextSingle());
            paint.Color = Shift(color, -25).WithAlpha((byte)random.Next(20, 50));
            canvas.DrawLine(x, y, x + (length * (float)Math.Cos(angle)), y + (length * (float)Math.Sin(angle)), paint);
        }
    }

    private static SKColor Shift(SKColor color, int delta) => new(
        (byte)Math.Clamp(color.Red + delta, 0, 255),
        (byte)Math.Clamp(color.Green + delta, 0, 255),
        (byte)Math.Clamp(color.Blue + delta, 0, 255));
}
