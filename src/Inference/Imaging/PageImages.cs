using SkiaSharp;

namespace MaoOcr.Inference.Imaging;

/// <summary>
/// The input images as the pages of a searchable PDF need them: the pipeline measures boxes on the upright image (EXIF
/// orientation applied), so a page must show exactly that image.
/// </summary>
public static class PageImages
{
    /// <summary>
    /// True when <paramref name="image"/> is a JPEG that a viewer shows as stored (no EXIF turn or flip): its bytes can be
    /// embedded as they are, without a second lossy encode.
    /// </summary>
    public static bool IsUprightJpeg(ReadOnlySpan<byte> image)
    {
        if (image.Length < 3 || image[0] != 0xFF || image[1] != 0xD8 || image[2] != 0xFF)
        {
            return false;
        }
        using var data = SKData.CreateCopy(image);
        using SKCodec? codec = SKCodec.Create(data);
        return codec is not null && codec.EncodedOrigin is SKEncodedOrigin.TopLeft or (SKEncodedOrigin)0;
    }

    /// <summary>Decodes <paramref name="image"/> as the pipeline does (formats, limit, orientation, transparency over white) into RGB.</summary>
    /// <exception cref="Pipeline.OcrImageException">Not an image, corrupt, or over <paramref name="maxPixels"/>.</exception>
    public static RgbImage DecodeRgb(ReadOnlySpan<byte> image, long maxPixels)
    {
        using DecodedImage decoded = ImageDecoder.Decode(image, maxPixels);
        ReadOnlySpan<byte> rgba = decoded.Pixels;
        int width = decoded.Width, height = decoded.Height, rowBytes = decoded.RowBytes;
        byte[] rgb = new byte[(long)width * height * 3];
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = rgba.Slice(y * rowBytes, width * 4);
            Span<byte> target = rgb.AsSpan(y * width * 3, width * 3);
            for (int x = 0; x < width; x++)
            {
                target[x * 3] = row[x * 4];
                target[(x * 3) + 1] = row[(x * 4) + 1];
                target[(x * 3) + 2] = row[(x * 4) + 2];
            }
        }
        return new RgbImage(rgb, width, height);
    }
}
