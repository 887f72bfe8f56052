namespace MaoOcr.Appliance.Core;

/// <summary>
/// Why a request the core accepted ended without results. The core's own kinds: the protocol maps each to its wire
/// <c>code</c> at the edge (Protocol/ErrorCodes), so the core knows nothing of the wire.
/// </summary>
public enum OcrFailure
{
    /// <summary>The bytes are not a decodable image: corrupt, truncated or empty.</summary>
    InvalidImage,

    /// <summary>The bytes are an image format the decoder does not read.</summary>
    UnsupportedFormat,

    /// <summary>The image is over the pixel limit.</summary>
    ImageTooLarge,

    /// <summary>Not run now: the queue is full or the engine is starting. Worth retrying later.</summary>
    Busy,

    /// <summary>
    /// Not finished here: this appliance is stopping (before the request ran, or between a document's pages). Busy on the
    /// wire, but worth sending at once to another appliance (a WebSocket client resends it on its next connection, which
    /// a balancer sends elsewhere), where it is read from the start.
    /// </summary>
    Stopping,

    /// <summary>Over the time limit (queue wait included), or cancelled because the client went away.</summary>
    Timeout,

    /// <summary>A fault on our side, or an engine that could not start.</summary>
    Internal,
}
