using MaoOcr.Inference.Pipeline;
using SkiaSharp;

namespace MaoOcr.Inference.Imaging;

/// <summary>
/// Decodes JPEG, PNG, WebP, BMP and the first frame of a GIF with SkiaSharp, and binary PGM/PPM (rendered PDF pages) itself. The header is read first and
/// an image over the pixel limit is refused before any pixel memory is allocated, so a decompression bomb
/// costs no more than its header. (An image within the limit whose data later proves corrupt has had its
/// pixel buffer allocated by then.)
/// </summary>
internal static class ImageDecoder
{
    public static unsafe DecodedImage Decode(ReadOnlySpan<byte> bytes, long maxPixels)
    {
        if (bytes.IsEmpty)
        {
            throw new OcrImageException(ImageErrorKind.Empty, "The image is empty (0 bytes).");
        }
        if (PnmHeader.LooksLikePnm(bytes))
        {
            return DecodePnm(bytes, maxPixels);
        }

        // The codec reads the caller's bytes in place: decoding finishes inside this fixed block.
        fixed (byte* p = bytes)
        {
            using SKData data = SKData.Create((nint)p, bytes.Length);
            return Decode(data, bytes, maxPixels);
        }
    }

    private static DecodedImage Decode(SKData data, ReadOnlySpan<byte> bytes, long maxPixels)
    {
        using SKCodec? codec = SKCodec.Create(new SKMemoryStream(data), out SKCodecResult createResult);
        if (codec is null)
        {
            string? format = ImageSignature.Detect(bytes);
            throw ImageSignature.IsSupported(format)
                ? new OcrImageException(ImageErrorKind.Corrupt, format == "PNG"
                    ? PngHeader.ExplainRefusal(bytes)
                    : createResult == SKCodecResult.IncompleteInput
                        ? $"The {format} image is truncated: its header is incomplete ({bytes.Length} bytes)."
                        : $"The {format} image's header is corrupt ({createResult}).")
                : new OcrImageException(ImageErrorKind.UnsupportedFormat,
                    $"The data is not a supported image ({ImageSignature.Describe(bytes)}); send JPEG, PNG, WebP, BMP, GIF or PDF.");
        }

        SKImageInfo header = codec.Info;
        string name = ImageSignature.NameOf(codec.EncodedFormat);
        long pixels = (long)header.Width * header.Height;
        if (header.Width <= 0 || header.Height <= 0)
        {
            throw new OcrImageException(ImageErrorKind.Corrupt, $"The {name} header gives an invalid size {header.Width}×{header.Height}.");
        }
        if (pixels > maxPixels)
        {
            throw new OcrImageException(ImageErrorKind.TooLarge,
                $"The {name} image is {header.Width}×{header.Height} ({pixels:N0} pixels), above the limit of {maxPixels:N0} pixels.");
        }

        var info = new SKImageInfo(header.Width, header.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap();
        try
        {
            if (!bitmap.TryAllocPixels(info))
            {
                throw new OcrImageException(ImageErrorKind.TooLarge, $"Not enough memory for a {header.Width}×{header.Height} image.");
            }
            // Frame 0 is the only frame for still formats and the first frame of a GIF.
            SKCodecResult result = codec.GetPixels(info, bitmap.GetPixels(), new SKCodecOptions(0));
            if (result is not SKCodecResult.Success)
            {
                throw new OcrImageException(ImageErrorKind.Corrupt, result == SKCodecResult.IncompleteInput
                    ? $"The {name} image is truncated: its pixel data ends early."
                    : $"The {name} image data is corrupt ({result}).");
            }

            if (header.AlphaType != SKAlphaType.Opaque)
            {
                CompositeOverWhite(bitmap);
            }
            SKBitmap upright = Orientation.Apply(bitmap, codec.EncodedOrigin);
            if (!ReferenceEquals(upright, bitmap))
            {
                bitmap.Dispose();
            }
            return new DecodedImage(upright);
        }
        catch
        {
            bitmap.Dispose();
            throw;
        }
    }

    /// <summary>A binary PGM or PPM (a page rendered by pdftoppm): checked against the limit, then its samples copied as RGBA.</summary>
    private static DecodedImage DecodePnm(ReadOnlySpan<byte> bytes, long maxPixels)
    {
        if (!PnmHeader.TryParse(bytes, out PnmHeader header, out string problem))
        {
            throw new OcrImageException(ImageErrorKind.Corrupt, $"The PNM image cannot be read: {problem}.");
        }
        long pixels = (long)header.Width * header.Height;
        if (pixels > maxPixels)
        {
            throw new OcrImageException(ImageErrorKind.TooLarge,
                $"The PNM image is {header.Width}×{header.Height} ({pixels:N0} pixels), above the limit of {maxPixels:N0} pixels.");
        }
        if (bytes.Length - header.DataOffset < header.DataLength)
        {
            throw new OcrImageException(ImageErrorKind.Corrupt, $"The PNM image is truncated: its pixel data ends early ({bytes.Length - header.DataOffset:N0} of {header.DataLength:N0} bytes).");
        }
        var bitmap = new SKBitmap();
        try
        {
            if (!bitmap.TryAllocPixels(new SKImageInfo(header.Width, header.Height, SKColorType.Rgba8888, SKAlphaType.Premul)))
            {
                throw new OcrImageException(ImageErrorKind.TooLarge, $"Not enough memory for a {header.Width}×{header.Height} image.");
            }
            ReadOnlySpan<byte> samples = bytes.Slice(header.DataOffset, (int)header.DataLength);
            Span<byte> target = bitmap.GetPixelSpan();
            int max = header.MaxValue;
            int channels = header.Channels;
            for (long i = 0, o = 0; i < samples.Length; i += channels, o += 4)
            {
                byte r = samples[(int)i], g = channels == 3 ? samples[(int)i + 1] : r, b = channels == 3 ? samples[(int)i + 2] : r;
                if (max != 255)
                {
                    r = (byte)Math.Min(255, r * 255 / max);
                    g = (byte)Math.Min(255, g * 255 / max);
                    b = (byte)Math.Min(255, b * 255 / max);
                }
                target[(int)o] = r;
                target[(int)o + 1] = g;
                target[(int)o + 2] = b;
                target[(int)o + 3] = 255;
            }
            return new DecodedImage(bitmap);
        }
        catch
        {
            bitmap.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Transparent pixels become white, as a page would be, instead of the black that dropping alpha gives.
    /// With premultiplied colour this is c + (255 − a).
    /// </summary>
    private static void CompositeOverWhite(SKBitmap bitmap)
    {
        Span<byte> pixels = bitmap.GetPixelSpan();
        for (int i = 0; i + 3 < pixels.Length; i += 4)
        {
            byte a = pixels[i + 3];
            if (a != 255)
            {
                int add = 255 - a;
                pixels[i] = (byte)(pixels[i] + add);
                pixels[i + 1] = (byte)(pixels[i + 1] + add);
                pixels[i + 2] = (byte)(pixels[i + 2] + add);
                pixels[i + 3] = 255;
            }
        }
    }
}
