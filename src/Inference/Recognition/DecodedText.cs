namespace MaoOcr.Inference.Recognition;

/// <summary>A decoded line: text and the mean probability of its characters (0 when empty).</summary>
internal readonly record struct DecodedText(string Text, float Confidence);
