using MaoOcr.Appliance.Protocol;

namespace MaoOcr.Fuzz.Targets;

/// <summary>
/// <see cref="ClientMessageParser.TryParseText"/>: a text message, the JSON envelope with base64 images. Contract as in
/// <see cref="ClientMessageCheck"/>: a message within the limits or a typed refusal, alike on one segment and many.
/// </summary>
public sealed class ClientMessageJsonTarget : IFuzzTarget
{
    /// <inheritdoc/>
    public string Name => "client-message-json";

    /// <inheritdoc/>
    public void Run(ReadOnlySpan<byte> input) =>
        ClientMessageCheck.Run(input, static (ClientMessageParser parser, System.Buffers.ReadOnlySequence<byte> bytes, out ClientMessage? message, out ProtocolError error) =>
            parser.TryParseText(bytes, out message, out error));
}
