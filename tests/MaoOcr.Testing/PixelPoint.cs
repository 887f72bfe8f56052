namespace MaoOcr.Testing;

/// <summary>A point in image pixels: x grows to the right, y grows downwards, (0, 0) is the top-left corner of the image.</summary>
public readonly record struct PixelPoint(float X, float Y);
