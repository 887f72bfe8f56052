namespace MaoOcr.WebSockets.Tests;

/// <summary>Every possible status code against RFC 6455 §7.4 and the IANA registry (Autobahn 7.7.x and 7.9.x).</summary>
public sealed class CloseStatusCodesTests
{
    private static readonly HashSet<int> s_validProtocolCodes = [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014];

    [Fact]
    public void EveryCode_ValidExactlyWhenTheRegistrySaysSo()
    {
        for (int code = 0; code <= ushort.MaxValue; code++)
        {
            bool expected = s_validProtocolCodes.Contains(code) || code is >= 3000 and < 5000;
            Assert.True(expected == CloseStatusCodes.IsValidReceived((ushort)code), $"code {code}");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(999)]
    [InlineData(1004)]
    [InlineData(1005)]
    [InlineData(1006)]
    [InlineData(1015)]
    [InlineData(1016)]
    [InlineData(1100)]
    [InlineData(2000)]
    [InlineData(2999)]
    [InlineData(5000)]
    [InlineData(65535)]
    public void Autobahn_7_9_InvalidCodes_Refused(int code) => Assert.False(CloseStatusCodes.IsValidReceived((ushort)code));

    [Theory]
    [InlineData(1000)]
    [InlineData(1001)]
    [InlineData(1002)]
    [InlineData(1003)]
    [InlineData(1007)]
    [InlineData(1008)]
    [InlineData(1009)]
    [InlineData(1010)]
    [InlineData(1011)]
    [InlineData(3000)]
    [InlineData(3999)]
    [InlineData(4000)]
    [InlineData(4999)]
    public void Autobahn_7_7_ValidCodes_Accepted(int code) => Assert.True(CloseStatusCodes.IsValidReceived((ushort)code));

    [Fact]
    public void NamedCodes_HaveTheirRegisteredNumbers()
    {
        Assert.Equal(1000, CloseStatusCodes.NormalClosure);
        Assert.Equal(1001, CloseStatusCodes.GoingAway);
        Assert.Equal(1002, CloseStatusCodes.ProtocolError);
        Assert.Equal(1003, CloseStatusCodes.UnsupportedData);
        Assert.Equal(1005, CloseStatusCodes.NoStatusReceived);
        Assert.Equal(1006, CloseStatusCodes.AbnormalClosure);
        Assert.Equal(1007, CloseStatusCodes.InvalidPayloadData);
        Assert.Equal(1008, CloseStatusCodes.PolicyViolation);
        Assert.Equal(1009, CloseStatusCodes.MessageTooBig);
        Assert.Equal(1010, CloseStatusCodes.MandatoryExtension);
        Assert.Equal(1011, CloseStatusCodes.InternalServerError);
        Assert.Equal(1015, CloseStatusCodes.TlsHandshakeFailure);
    }
}
