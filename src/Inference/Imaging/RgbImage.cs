namespace MaoOcr.Inference.Imaging;

/// <summary>An image's pixels as 8-bit RGB, top row first, upright (EXIF orientation applied): what a PDF page embeds losslessly.</summary>
public sealed record RgbImage(byte[] Pixels, int Width, int Height);
