using System.Globalization;

namespace MaoOcr.Appliance.Protocol;

/// <summary>Limits on what one client message may carry. Each default says where it comes from.</summary>
public sealed class ProtocolLimits
{
    private int _maxImageBytes = 20 * 1024 * 1024;
    private int _maxImagesPerRequest = 16;
    private int _maxEnvelopeBytes = 64 * 1024;

    /// <summary>
    /// Largest encoded image, in bytes. 20 MiB: a 48 MP phone JPEG at high quality is about 15 MB, and a
    /// lossless PNG screenshot of a 4K screen about 10 MB.
    /// </summary>
    public int MaxImageBytes
    {
        get => _maxImageBytes;
        set => _maxImageBytes = Positive(value, nameof(MaxImageBytes));
    }

    /// <summary>Images in one batch request. 16: a multi-page scan, while one batch cannot hold the queue for long.</summary>
    public int MaxImagesPerRequest
    {
        get => _maxImagesPerRequest;
        set => _maxImagesPerRequest = Positive(value, nameof(MaxImagesPerRequest));
    }

    /// <summary>The JSON envelope at the head of a binary message. 64 KiB: requirements and ids are a few hundred bytes.</summary>
    public int MaxEnvelopeBytes
    {
        get => _maxEnvelopeBytes;
        set => _maxEnvelopeBytes = Positive(value, nameof(MaxEnvelopeBytes));
    }

    /// <summary>The refusal of a batch over <see cref="MaxImagesPerRequest"/>, worded once for every transport.</summary>
    public string BatchTooLarge() => string.Create(CultureInfo.InvariantCulture, $"A batch holds at most {MaxImagesPerRequest} images.");

    /// <summary>The refusal of an image over <see cref="MaxImageBytes"/>, worded once for every transport.</summary>
    /// <param name="bytes">Its size, or an estimate when <paramref name="estimated"/>.</param>
    /// <param name="name">What the client called it (a form field's file name); null for "the image".</param>
    /// <param name="estimated">True when the size is known only approximately (base64 before decoding).</param>
    public string ImageTooLarge(long bytes, string? name = null, bool estimated = false) => string.Create(
        CultureInfo.InvariantCulture,
        $"{(name is null ? "The image" : $"'{name}'")} is {(estimated ? "about " : "")}{bytes:N0} bytes, above the limit of {MaxImageBytes:N0}.");

    private static int Positive(int value, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, name);
        return value;
    }
}
