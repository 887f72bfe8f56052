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

    private static int Positive(int value, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, name);
        return value;
    }
}
