namespace MaoOcr.Benchmarks.EndToEnd.Soak;

/// <summary>What a soak client does next on its connection; <see cref="SoakMix"/> draws them by weight.</summary>
internal enum SoakAction
{
    /// <summary>One image in the binary form; waits for its answer.</summary>
    Good,

    /// <summary>One image as base64 in a JSON text message.</summary>
    GoodText,

    /// <summary>Two to four binary requests sent back to back, answered in any order (docs/protocol.md allows 16 in flight).</summary>
    Burst,

    /// <summary>A binary batch of two to four images (<c>data.image_sizes</c>).</summary>
    Batch,

    /// <summary>A text batch of two or three base64 images (<c>data.images</c>).</summary>
    BatchText,

    /// <summary>One of <see cref="BadInputs"/>' malformed messages; it must be refused with its own code.</summary>
    Bad,

    Ping,

    /// <summary>
    /// A request, then a close handshake before its answer: the protocol has no cancel message, and closing the
    /// connection is how a client cancels (the appliance cancels what is in flight). Then the client reconnects.
    /// </summary>
    Cancel,

    /// <summary>A request, then the TCP connection dropped without a close frame (a reset or a bare FIN); then a reconnect.</summary>
    Vanish,
}
