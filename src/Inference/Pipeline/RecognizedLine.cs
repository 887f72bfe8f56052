namespace MaoOcr.Inference.Pipeline;

/// <summary>One recognised line.</summary>
/// <param name="Text">The text.</param>
/// <param name="Confidence">Mean probability of the decoded characters, 0–1.</param>
/// <param name="Box">Four corners in original image pixels: top-left, top-right, bottom-right, bottom-left.</param>
public sealed record RecognizedLine(string Text, float Confidence, IReadOnlyList<ImagePoint> Box);
