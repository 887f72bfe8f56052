namespace MaoOcr.Inference.Pipeline;

/// <summary>The result of one image.</summary>
/// <param name="Lines">Lines in reading order (top to bottom, then left to right).</param>
/// <param name="Text">The lines joined by newlines.</param>
/// <param name="Width">Image width in pixels after EXIF orientation.</param>
/// <param name="Height">Image height in pixels after EXIF orientation.</param>
/// <param name="Timings">Milliseconds per stage.</param>
public sealed record RecognizedPage(IReadOnlyList<RecognizedLine> Lines, string Text, int Width, int Height, StageTimings Timings);
