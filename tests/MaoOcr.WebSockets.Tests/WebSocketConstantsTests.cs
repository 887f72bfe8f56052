using System.Security.Cryptography;
using System.Text;

namespace MaoOcr.WebSockets.Tests;

public sealed class WebSocketConstantsTests
{
    [Fact]
    public void HandshakeGuid_GivesTheRfcExampleAcceptKey()
    {
        // RFC 6455 §1.3: key "dGhlIHNhbXBsZSBub25jZQ==" is answered with "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=".
        byte[] input = [.. "dGhlIHNhbXBsZSBub25jZQ=="u8, .. WebSocketConstants.HandshakeGuidUtf8];
#pragma warning disable CA5350 // RFC 6455 fixes SHA-1 for the accept key, which proves only that the server read the request.
        Assert.Equal("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", Convert.ToBase64String(SHA1.HashData(input)));
#pragma warning restore CA5350
        Assert.Equal(WebSocketConstants.HandshakeGuid, Encoding.ASCII.GetString(WebSocketConstants.HandshakeGuidUtf8));
    }

    [Fact]
    public void HeaderSizes()
    {
        Assert.Equal(14, WebSocketConstants.MaxHeaderLength);
        Assert.Equal(4, WebSocketConstants.MaskLength);
        Assert.Equal(125, WebSocketConstants.MaxControlPayloadLength);
        Assert.Equal(123, WebSocketConstants.MaxCloseReasonLength);
        Assert.Equal(126, WebSocketConstants.PayloadLength16BitMarker);
        Assert.Equal(127, WebSocketConstants.PayloadLength64BitMarker);
    }

    [Fact]
    public void Opcodes_ClassifiedByTheRfc()
    {
        int[] defined = [0x0, 0x1, 0x2, 0x8, 0x9, 0xA];
        for (int opcode = 0; opcode < 16; opcode++)
        {
            Assert.Equal(defined.Contains(opcode), WebSocketOpcodeExtensions.IsDefinedOpcode(opcode));
            Assert.Equal(opcode >= 8, ((WebSocketOpcode)opcode).IsControl());
        }
        Assert.Equal(0, (int)WebSocketOpcode.Continuation);
        Assert.Equal(1, (int)WebSocketOpcode.Text);
        Assert.Equal(2, (int)WebSocketOpcode.Binary);
        Assert.Equal(8, (int)WebSocketOpcode.Close);
        Assert.Equal(9, (int)WebSocketOpcode.Ping);
        Assert.Equal(10, (int)WebSocketOpcode.Pong);
    }
}
