namespace MaoOcr.Inference.Pipeline;

/// <summary>A point in original image pixels.</summary>
public readonly record struct PointF(float X, float Y);

/// <summary>One recognised line.</summary>
/// <param name="Text">The text.</param>
/// <param name="Confidence">Mean probability of the decoded characters, 0–1.</param>
/// <param name="Box">Four corners in original image pixels: top-left, top-right, bottom-right, bottom-left.</param>
public sealed record OcrLine(string Text, float Confidence, IReadOnlyList<PointF> Box);

/// <summary>Milliseconds spent in each stage; <see cref="InferenceMs"/> is the part spent inside ORT's Run.</summary>
public sealed record OcrTimings(double DecodeMs, double DetectionMs, double ClassificationMs, double RecognitionMs, double TotalMs, double InferenceMs);

/// <summary>The result of one image.</summary>
/// <param name="Lines">Lines in reading order (top to bottom, then left to right).</param>
/// <param name="Text">The lines joined by newlines.</param>
/// <param name="Width">Image width in pixels after EXIF orientation.</param>
/// <param name="Height">Image height in pixels after EXIF orientation.</param>
/// <param name="Timings">Milliseconds per stage.</param>
public sealed record OcrResult(IReadOnlyList<OcrLine> Lines, string Text, int Width, int Height, OcrTimings Timings);
