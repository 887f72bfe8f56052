using System.Buffers.Binary;

namespace MaoOcr.Appliance.Sessions;

/// <summary>A server message with a payload, in the same binary form clients send images in: length, envelope, bytes.</summary>
internal static class BinaryAnswer
{
    /// <summary>The size of the big-endian envelope length at the start.</summary>
    public const int LengthPrefixBytes = 4;

    public static byte[] Frame(ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> payload)
    {
        byte[] message = new byte[LengthPrefixBytes + envelope.Length + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(message, (uint)envelope.Length);
        envelope.CopyTo(message.AsSpan(LengthPrefixBytes));
        payload.CopyTo(message.AsSpan(LengthPrefixBytes + envelope.Length));
        return message;
    }
}
