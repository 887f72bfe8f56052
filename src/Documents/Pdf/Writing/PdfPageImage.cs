namespace MaoOcr.Documents.Pdf.Writing;

/// <summary>
/// A page's picture and how it is embedded. Make one with <see cref="Jpeg(ReadOnlyMemory{byte})"/> (the file goes in
/// as it is) or <see cref="Raw"/> (8-bit pixels, compressed losslessly). The bytes are not copied: keep them unchanged
/// until the page has been added.
/// </summary>
public sealed class PdfPageImage
{
    /// <summary>The most bytes of raw pixels one image may have: what one array can hold.</summary>
    private const long MaximumRawBytes = int.MaxValue;

    private PdfPageImage(PdfImageEncoding encoding, ReadOnlyMemory<byte> data, int width, int height, int components)
    {
        Encoding = encoding;
        Data = data;
        Width = width;
        Height = height;
        Components = components;
    }

    public PdfImageEncoding Encoding { get; }

    /// <summary>The JPEG file, or the raw pixels row by row, top row first, components interleaved.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>1 for grey (/DeviceGray), 3 for colour (/DeviceRGB).</summary>
    public int Components { get; }

    /// <summary>A JPEG embedded byte for byte (/DCTDecode); its size and components are read from its frame header.</summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="jpeg"/> is not an 8-bit baseline or progressive JPEG (see <see cref="JpegFrameInfo.TryParse"/>),
    /// or it has 4 (CMYK) components.
    /// </exception>
    public static PdfPageImage Jpeg(ReadOnlyMemory<byte> jpeg)
    {
        JpegFrameInfo frame = ReadFrame(jpeg);
        return Jpeg(jpeg, frame.Width, frame.Height, frame.Components);
    }

    /// <summary>
    /// A JPEG embedded byte for byte (/DCTDecode). The size and components given must be those of its frame header;
    /// they are checked, because a PDF that states another size shows a broken page.
    /// </summary>
    /// <param name="components">1 (grey) or 3 (colour). CMYK JPEGs are refused: Adobe's inverted CMYK would need a /Decode array guessed from an APP14 segment.</param>
    /// <exception cref="ArgumentException">The bytes are not a supported JPEG, or the size or components differ from its frame header.</exception>
    public static PdfPageImage Jpeg(ReadOnlyMemory<byte> jpeg, int width, int height, int components)
    {
        ValidateComponents(components);
        JpegFrameInfo frame = ReadFrame(jpeg);
        if (frame.Width != width || frame.Height != height || frame.Components != components)
        {
            throw new ArgumentException(
                $"The JPEG's frame header says {frame.Width}×{frame.Height} with {frame.Components} components, not {width}×{height} with {components}.",
                nameof(jpeg));
        }
        return new PdfPageImage(PdfImageEncoding.Jpeg, jpeg, width, height, components);
    }

    /// <summary>Raw 8-bit pixels embedded losslessly (/FlateDecode): rows top to bottom, no padding, components interleaved (RGB order).</summary>
    /// <param name="components">1 (grey) or 3 (RGB).</param>
    /// <exception cref="ArgumentException">A side is not positive, <paramref name="components"/> is not 1 or 3, or <paramref name="pixels"/> is not exactly width × height × components bytes.</exception>
    public static PdfPageImage Raw(ReadOnlyMemory<byte> pixels, int width, int height, int components)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ValidateComponents(components);
        long expected = (long)width * height * components;
        if (expected > MaximumRawBytes || pixels.Length != expected)
        {
            throw new ArgumentException(
                $"A {width}×{height} image with {components} components has {expected} bytes of pixels, not {pixels.Length}.", nameof(pixels));
        }
        return new PdfPageImage(PdfImageEncoding.Flate, pixels, width, height, components);
    }

    private static JpegFrameInfo ReadFrame(ReadOnlyMemory<byte> jpeg)
    {
        if (!JpegFrameInfo.TryParse(jpeg.Span, out JpegFrameInfo frame))
        {
            throw new ArgumentException("The bytes are not an 8-bit baseline or progressive JPEG with a readable frame header.", nameof(jpeg));
        }
        if (frame.Components is not (1 or 3))
        {
            throw new ArgumentException($"JPEGs with {frame.Components} components (CMYK) are not supported; convert to RGB first.", nameof(jpeg));
        }
        return frame;
    }

    private static void ValidateComponents(int components)
    {
        if (components is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(components), components, "An image has 1 (grey) or 3 (RGB) components.");
        }
    }
}
