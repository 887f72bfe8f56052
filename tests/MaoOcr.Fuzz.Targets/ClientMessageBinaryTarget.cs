using System.Buffers;
using System.Buffers.Binary;
using MaoOcr.Appliance.Protocol;

namespace MaoOcr.Fuzz.Targets;

/// <summary>
/// <see cref="ClientMessageParser.TryParseBinary"/>: a 4-byte big-endian envelope length, the JSON envelope, then the
/// raw image bytes. Contract as in <see cref="ClientMessageCheck"/>, and an accepted request's images are exactly the
/// bytes after the envelope.
/// </summary>
public sealed class ClientMessageBinaryTarget : IFuzzTarget
{
    /// <inheritdoc/>
    public string Name => "client-message-binary";

    /// <inheritdoc/>
    public void Run(ReadOnlySpan<byte> input)
    {
        long imageBytes = ClientMessageCheck.Run(input, static (ClientMessageParser parser, ReadOnlySequence<byte> bytes, out ClientMessage? message, out ProtocolError error) =>
            parser.TryParseBinary(bytes, out message, out error));
        if (imageBytes > 0)
        {
            long envelope = BinaryPrimitives.ReadUInt32BigEndian(input);
            Contract.That(imageBytes == input.Length - ClientMessageParser.BinaryPrefixLength - envelope);
        }
    }
}
