namespace MaoOcr.Client.Protocol;

/// <summary>
/// The binary form of <c>ocr_request</c> (docs/protocol.md): no base64, the image bytes travel as they are.
/// <code>
/// +----------------------+---------------------------+----------------------------------+
/// | envelope length (4)  | JSON envelope (UTF-8)     | image bytes                      |
/// | unsigned, big-endian | without "image"           | one image, or a batch back to    |
/// |                      |                           | back (sizes in data.image_sizes) |
/// +----------------------+---------------------------+----------------------------------+
/// </code>
/// The appliance answers a request for a searchable PDF in the same form: the <c>ocr_complete</c> envelope, then the
/// PDF (<see cref="ServerMessageReader.TryReadBinary"/>).
/// </summary>
internal static class BinaryFraming
{
    /// <summary>Bytes of the big-endian envelope length at the head of the message.</summary>
    public const int LengthPrefixBytes = 4;

    /// <summary>The appliance refuses a larger envelope (ProtocolLimits.MaxEnvelopeBytes, 64 KiB).</summary>
    public const int MaxEnvelopeBytes = 64 * 1024;

    /// <summary>The appliance's largest image by default (ProtocolLimits.MaxImageBytes, 20 MiB).</summary>
    public const int MaxImageBytes = 20 * 1024 * 1024;

    /// <summary>Images in one batch: the appliance's limit (16).</summary>
    public const int MaxImagesPerBatch = 16;
}
