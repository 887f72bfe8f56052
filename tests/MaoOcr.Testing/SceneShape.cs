using SkiaSharp;

namespace MaoOcr.Testing;

/// <summary>A filled (optionally outlined, optionally rounded) rectangle drawn under the text: a panel, a button, an input field.</summary>
/// <param name="Rect">Where, in scene pixels.</param>
/// <param name="Fill">The fill colour; use <see cref="SKColors.Transparent"/> for an outline only.</param>
/// <param name="CornerRadius">Corner radius in pixels; 0 for square corners.</param>
/// <param name="Stroke">The outline colour, or null for none.</param>
/// <param name="StrokeWidth">The outline width in pixels.</param>
public sealed record SceneShape(PixelRect Rect, SKColor Fill, float CornerRadius = 0, SKColor? Stroke = null, float StrokeWidth = 1);
