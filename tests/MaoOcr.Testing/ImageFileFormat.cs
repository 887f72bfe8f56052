namespace MaoOcr.Testing;

/// <summary>How a rendered image is encoded.</summary>
public enum ImageFileFormat
{
    /// <summary>Lossless PNG.</summary>
    Png,

    /// <summary>Baseline JPEG at <see cref="ImageEffects.Quality"/>.</summary>
    Jpeg,

    /// <summary>Lossy WebP at <see cref="ImageEffects.Quality"/>.</summary>
    Webp,

    /// <summary>Uncompressed 24-bit BMP (Skia has no BMP encoder; <see cref="BmpEncoder"/> writes it).</summary>
    Bmp,
}

internal static class ImageFileFormatNames
{
    /// <summary>The name used in <see cref="RenderedImage.Format"/>: png, jpeg, webp or bmp.</summary>
    public static string Name(this ImageFileFormat format) => format switch
    {
        ImageFileFormat.Png => "png",
        ImageFileFormat.Jpeg => "jpeg",
        ImageFileFormat.Webp => "webp",
        ImageFileFormat.Bmp => "bmp",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
