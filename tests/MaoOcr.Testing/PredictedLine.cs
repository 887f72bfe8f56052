namespace MaoOcr.Testing;

/// <summary>A line an OCR engine returned: its text and its four corners in image pixels.</summary>
public readonly record struct PredictedLine(string Text, Quad Box);
