using SkiaSharp;

namespace MaoOcr.Inference.Tests.Support;

/// <summary>Small images drawn with Skia and encoded in memory, for decoding and end-to-end tests.</summary>
internal static class TestImages
{
    // SkiaSharp's NoDependencies build has no fontconfig, so the face is loaded by path (Debian's fonts-dejavu-core).
    private const string FontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    private static readonly Lazy<SKTypeface> s_typeface = new(() =>
        SKTypeface.FromFile(FontFile) ?? throw new InvalidOperationException($"{FontFile} is missing; install fonts-dejavu-core."));

    /// <summary>Black text on white, one line, with a margin of half the font size.</summary>
    public static SKBitmap Text(string text, float fontSize = 40)
    {
        using var font = new SKFont(s_typeface.Value, fontSize);
        int margin = (int)(fontSize / 2);
        int width = (int)MathF.Ceiling(font.MeasureText(text)) + (2 * margin);
        int height = (int)MathF.Ceiling(fontSize * 1.4f) + (2 * margin);
        SKBitmap bitmap = NewBitmap(width, height);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawText(text, margin, margin + fontSize, SKTextAlign.Left, font, paint);
        return bitmap;
    }

    /// <summary>A white image with a filled <paramref name="color"/> rectangle.</summary>
    public static SKBitmap Block(int width, int height, SKRectI block, SKColor color)
    {
        SKBitmap bitmap = NewBitmap(width, height);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var paint = new SKPaint { Color = color };
        canvas.DrawRect(block, paint);
        return bitmap;
    }

    /// <summary>A white image with a red <paramref name="side"/>-pixel square in its top-left corner, encoded.</summary>
    public static byte[] RedCorner(int width, int height, int side, SKEncodedImageFormat format)
    {
        using SKBitmap bitmap = Block(width, height, new SKRectI(0, 0, side, side), SKColors.Red);
        return Encode(bitmap, format);
    }

    public static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality = 90)
    {
        using SKImage image = SKImage.FromBitmap(bitmap);
        using SKData data = image.Encode(format, quality) ?? throw new InvalidOperationException($"Skia cannot encode {format}.");
        return data.ToArray();
    }

    public static byte[] TextPng(string text, float fontSize = 40)
    {
        using SKBitmap bitmap = Text(text, fontSize);
        return Encode(bitmap, SKEncodedImageFormat.Png);
    }

    private static SKBitmap NewBitmap(int width, int height) => new(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
}
