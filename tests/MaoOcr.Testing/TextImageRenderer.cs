using SkiaSharp;

namespace MaoOcr.Testing;

/// <summary>
/// Draws text onto an image and reports where every line ended up. Ground-truth boxes are the ink bounds that Skia
/// measures for each line, mapped through the same transform as the pixels, so they stay exact under rotation and
/// perspective. Rendering is deterministic for a given scene, <see cref="ImageEffects.Seed"/> and SkiaSharp build.
/// </summary>
public static class TextImageRenderer
{
    /// <summary>Lays out <paramref name="lines"/> as a left-aligned block and renders it.</summary>
    /// <exception cref="ArgumentException">A line is empty, has a line break, or has a character the font lacks.</exception>
    /// <exception cref="InvalidOperationException">The effects move a line outside the image.</exception>
    public static RenderedImage RenderLines(IReadOnlyList<string> lines, TextBlockStyle? style = null, ImageEffects? effects = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            throw new ArgumentException("At least one line is needed.", nameof(lines));
        }
        return Render(LayoutLines(lines, style ?? new TextBlockStyle()), effects);
    }

    /// <summary>The scene that <see cref="RenderLines"/> draws: the lines as a left-aligned block, top to bottom.</summary>
    internal static TextScene LayoutLines(IReadOnlyList<string> lines, TextBlockStyle style)
    {
        using SKFont font = CreateFont(style.Font, style.FontSize);
        float ascent = -font.Metrics.Ascent;
        float descent = font.Metrics.Descent;
        float step = style.FontSize * style.LineSpacing;
        float widest = lines.Max(line => font.MeasureText(line));
        int width = style.Width ?? (int)Math.Ceiling(widest + (2 * style.Margin));
        int height = style.Height ?? (int)Math.Ceiling((2 * style.Margin) + ascent + descent + ((lines.Count - 1) * step));

        var scene = new TextScene(width, height) { Background = style.Background };
        for (int i = 0; i < lines.Count; i++)
        {
            scene.Texts.Add(new SceneText(lines[i], style.Margin, style.Margin + ascent + (i * step), style.Font, style.FontSize, style.TextColor));
        }
        return scene;
    }

    /// <summary>Draws <paramref name="scene"/>, applies <paramref name="effects"/> and encodes the result.</summary>
    /// <exception cref="ArgumentException">A text is empty, has a line break or surrounding whitespace, or has a character its font lacks.</exception>
    /// <exception cref="InvalidOperationException">The effects move a line outside the image.</exception>
    public static RenderedImage Render(TextScene scene, ImageEffects? effects = null)
    {
        ArgumentNullException.ThrowIfNull(scene);
        effects ??= ImageEffects.None;
        var random = new Random(effects.Seed);

        using SKBitmap drawn = NewBitmap(scene.Width, scene.Height);
        List<GroundTruthLine> sceneLines;
        using (var canvas = new SKCanvas(drawn))
        {
            sceneLines = DrawScene(canvas, scene, random);
        }

        int outputWidth = effects.OutputWidth ?? scene.Width;
        int outputHeight = effects.OutputHeight ?? scene.Height;
        Homography transform = FrameTransform.Create(scene.Width, scene.Height, outputWidth, outputHeight, effects, random);

        SKBitmap output = transform.IsIdentity && outputWidth == scene.Width && outputHeight == scene.Height
            ? drawn.Copy()
            : Warp(drawn, outputWidth, outputHeight, transform, effects.Surround);
        try
        {
            var lines = new List<GroundTruthLine>(sceneLines.Count);
            var frame = new PixelRect(0, 0, outputWidth, outputHeight);
            foreach (GroundTruthLine line in sceneLines)
            {
                Quad box = transform.IsIdentity ? line.Box : line.Box.Map(transform);
                if (!box.Bounds.IsInside(frame, tolerance: 0.5f))
                {
                    throw new InvalidOperationException(
                        $"The line '{line.Text}' ends up at {box.Bounds}, outside the {outputWidth}×{outputHeight} image; use a larger margin, inset or output, or less rotation or jitter.");
                }
                lines.Add(line with { Box = box });
            }

            PixelEffects.ApplyLighting(output, effects.LightingFalloff, random);
            if (effects.BlurSigma > 0)
            {
                SKBitmap blurred = PixelEffects.Blur(output, effects.BlurSigma);
                output.Dispose();
                output = blurred;
            }
            PixelEffects.AddNoise(output, effects.NoiseSigma, random);

            byte[] bytes = Encode(output, effects.Format, effects.Quality);
            return new RenderedImage(bytes, effects.Format.Name(), outputWidth, outputHeight, lines);
        }
        finally
        {
            output.Dispose();
        }
    }

    /// <summary>
    /// Paints the background, the shapes, then the texts, in scene pixels on whatever <paramref name="canvas"/> is
    /// (a bitmap, or a PDF page scaled to points), and returns each text's ink box in scene pixels.
    /// </summary>
    internal static List<GroundTruthLine> DrawScene(SKCanvas canvas, TextScene scene, Random random)
    {
        SceneBackgroundPainter.Paint(canvas, scene.Width, scene.Height, scene.Background, random);
        foreach (SceneShape shape in scene.Shapes)
        {
            DrawShape(canvas, shape);
        }
        var lines = new List<GroundTruthLine>(scene.Texts.Count);
        foreach (SceneText text in scene.Texts)
        {
            lines.Add(DrawText(canvas, text));
        }
        return lines;
    }

    internal static SKFont CreateFont(TestFont face, float size) => new(face.Typeface, size)
    {
        Edging = SKFontEdging.Antialias,
        Subpixel = true,
        Hinting = SKFontHinting.Slight,
    };

    internal static SKBitmap NewBitmap(int width, int height) => new(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));

    private static void DrawShape(SKCanvas canvas, SceneShape shape)
    {
        var rect = new SKRect(shape.Rect.Left, shape.Rect.Top, shape.Rect.Right, shape.Rect.Bottom);
        using var paint = new SKPaint { IsAntialias = true, Color = shape.Fill, Style = SKPaintStyle.Fill };
        if (shape.Fill.Alpha > 0)
        {
            canvas.DrawRoundRect(rect, shape.CornerRadius, shape.CornerRadius, paint);
        }
        if (shape.Stroke is SKColor stroke && shape.StrokeWidth > 0)
        {
            paint.Style = SKPaintStyle.Stroke;
            paint.Color = stroke;
            paint.StrokeWidth = shape.StrokeWidth;
            canvas.DrawRoundRect(rect, shape.CornerRadius, shape.CornerRadius, paint);
        }
    }

    private static GroundTruthLine DrawText(SKCanvas canvas, SceneText text)
    {
        if (string.IsNullOrWhiteSpace(text.Text) || text.Text.AsSpan().ContainsAny('\r', '\n') || text.Text.Trim().Length != text.Text.Length)
        {
            throw new ArgumentException($"Text '{text.Text}' must be one line, not blank, without surrounding whitespace.", nameof(text));
        }
        if (!text.Font.CanRender(text.Text))
        {
            throw new ArgumentException($"'{text.Font}' has no glyph for some character of '{text.Text}'.", nameof(text));
        }
        using SKFont font = CreateFont(text.Font, text.Size);
        using var paint = new SKPaint { IsAntialias = true, Color = text.Color };
        font.MeasureText(text.Text, out SKRect ink, paint);
        canvas.DrawText(text.Text, text.X, text.Baseline, SKTextAlign.Left, font, paint);
        var box = new PixelRect(text.X + ink.Left, text.Baseline + ink.Top, text.X + ink.Right, text.Baseline + ink.Bottom);
        return new GroundTruthLine(text.Text, Quad.FromRect(box));
    }

    private static SKBitmap Warp(SKBitmap source, int width, int height, Homography transform, SKColor surround)
    {
        SKBitmap target = NewBitmap(width, height);
        using var canvas = new SKCanvas(target);
        canvas.Clear(surround);
        canvas.SetMatrix(transform.ToSkMatrix());
        using SKImage image = SKImage.FromBitmap(source);
        using var paint = new SKPaint { IsAntialias = true };
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
        return target;
    }

    internal static byte[] Encode(SKBitmap bitmap, ImageFileFormat format, int quality)
    {
        if (format == ImageFileFormat.Bmp)
        {
            return BmpEncoder.Encode(bitmap);
        }
        SKEncodedImageFormat skFormat = format switch
        {
            ImageFileFormat.Png => SKEncodedImageFormat.Png,
            ImageFileFormat.Jpeg => SKEncodedImageFormat.Jpeg,
            ImageFileFormat.Webp => SKEncodedImageFormat.Webp,
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };
        using SKImage image = SKImage.FromBitmap(bitmap);
        using SKData? data = image.Encode(skFormat, Math.Clamp(quality, 1, 100));
        return data?.ToArray() ?? throw new InvalidOperationException($"Skia could not encode a {bitmap.Width}×{bitmap.Height} image as {format}.");
    }
}
