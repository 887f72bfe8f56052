using System.Buffers.Binary;
using System.IO.Compression;
using MaoOcr.WebSockets;
using MaoOcr.WebSockets.Framing;

namespace MaoOcr.Benchmarks.Transport.Load;

/// <summary>
/// One client message as it goes on the wire, built once and sent again and again: a masked Text frame (RFC 6455 §5.3:
/// client frames are masked), compressed first when permessage-deflate is negotiated. Compression is by
/// <see cref="DeflateStream"/> (zlib), not by our layer, so the client favours neither server. With
/// <c>client_no_context_takeover</c> in the offer every message is compressed on its own, so the same bytes are valid
/// every time.
/// </summary>
internal static class ClientFrame
{
    // A fixed key: the server cannot tell, and the client then masks nothing per message.
    private const uint MaskKey = 0x5A3C_96E1;

    public static byte[] Build(byte[] payload, bool compressed)
    {
        byte[] body = compressed ? Deflate(payload) : payload;
        Span<byte> header = stackalloc byte[WebSocketConstants.MaxHeaderLength];
        int headerLength = FrameHeaderWriter.Write(header, WebSocketOpcode.Text, fin: true, rsv1: compressed, body.Length, MaskKey);
        byte[] frame = new byte[headerLength + body.Length];
        header[..headerLength].CopyTo(frame);
        Masking.Apply(body, frame.AsSpan(headerLength), MaskKey, 0);
        return frame;
    }

    /// <summary>RFC 7692 §7.2.1: raw DEFLATE, sync-flushed, without the flush's trailing 00 00 FF FF.</summary>
    public static byte[] Deflate(byte[] payload)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(payload);
            deflate.Flush();
            byte[] flushed = output.ToArray();
            if (flushed.Length < 4 || BinaryPrimitives.ReadUInt32BigEndian(flushed.AsSpan(flushed.Length - 4)) != 0x0000_FFFF)
            {
                throw new InvalidOperationException("DeflateStream.Flush did not end with a sync flush.");
            }
            return flushed[..^4];
        }
    }

    /// <summary>Inflates one server message (the server's first, so no earlier window is needed).</summary>
    public static byte[] Inflate(ReadOnlySpan<byte> compressed)
    {
        byte[] withTrailer = [.. compressed, 0x00, 0x00, 0xFF, 0xFF];
        using var input = new MemoryStream(withTrailer);
        using var inflate = new DeflateStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        // Reading past the sync flush would wait for a final block that never comes; stop when no more output appears.
        while ((read = inflate.Read(buffer)) > 0)
        {
            output.Write(buffer, 0, read);
        }
        return output.ToArray();
    }
}
