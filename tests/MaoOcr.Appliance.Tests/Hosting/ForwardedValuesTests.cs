using System.Net;
using MaoOcr.Appliance.Configuration;
using MaoOcr.WebSockets.Handshake;

namespace MaoOcr.Appliance.Tests.Hosting;

/// <summary>
/// The X-Forwarded-* values the WebSocket fast path reads itself (the HTTP pipeline uses ASP.NET Core's middleware):
/// the rightmost element only, and anything not well formed is ignored rather than half-believed.
/// </summary>
public sealed class ForwardedValuesTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("203.0.113.7:51234", "203.0.113.7")]
    [InlineData("10.9.9.9, 198.51.100.1,203.0.113.7", "203.0.113.7")]
    [InlineData("forged-by-client, 203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8::7", "2001:db8::7")]
    [InlineData("[2001:db8::7]:51234", "2001:db8::7")]
    [InlineData("[2001:db8::7]", "2001:db8::7")]
    [InlineData("  203.0.113.7\t", "203.0.113.7")]
    public void The_client_is_the_rightmost_address(string value, string expected)
    {
        Assert.True(ForwardedValues.TryParseFor(value, out IPAddress? address));
        Assert.Equal(IPAddress.Parse(expected), address);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" , ")]
    [InlineData("203.0.113.7, ")]
    [InlineData("unknown")]
    [InlineData("_hidden")]
    [InlineData("127.1")]
    [InlineData("2130706433")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("256.0.0.1")]
    [InlineData("203.0.113.7:")]
    [InlineData("203.0.113.7:65536")]
    [InlineData("203.0.113.7:80:80")]
    [InlineData("[2001:db8::7")]
    [InlineData("[2001:db8::7]x")]
    [InlineData("[203.0.113.7]:80")]
    [InlineData("203.0.113.7; rm -rf /")]
    [InlineData("2001:db8::7::8")]
    public void A_garbled_client_address_is_not_believed(string value)
    {
        Assert.False(ForwardedValues.TryParseFor(value, out IPAddress? address));
        Assert.Null(address);
    }

    [Fact]
    public void Thousands_of_addresses_cost_one_parse_of_the_last()
    {
        string value = string.Join(", ", Enumerable.Range(0, 10_000).Select(i => $"10.0.{i / 256 % 256}.{i % 256}")) + ", 203.0.113.9";
        Assert.True(ForwardedValues.TryParseFor(value, out IPAddress? address));
        Assert.Equal(IPAddress.Parse("203.0.113.9"), address);
        Assert.False(ForwardedValues.TryParseFor(new string('1', 100_000), out _));
    }

    [Theory]
    [InlineData("balancer.example", "balancer.example")]
    [InlineData("balancer.example:8443", "balancer.example:8443")]
    [InlineData("evil.example, balancer.example", "balancer.example")]
    [InlineData("[2001:db8::1]:443", "[2001:db8::1]:443")]
    [InlineData("203.0.113.1", "203.0.113.1")]
    [InlineData("ocr_node-1.lan", "ocr_node-1.lan")]
    public void The_host_is_the_rightmost_well_formed_host(string value, string expected)
    {
        Assert.True(ForwardedValues.TryParseHost(value, out string? host));
        Assert.Equal(expected, host);
    }

    [Theory]
    [InlineData("")]
    [InlineData("user@balancer.example")]
    [InlineData("balancer.example/path")]
    [InlineData("balancer.example:")]
    [InlineData("balancer.example:99999")]
    [InlineData("balancer.example:443:443")]
    [InlineData("bal ancer.example")]
    [InlineData("balancer.example\r\nX-Evil: 1")]
    [InlineData("[not-an-address]:443")]
    [InlineData("[2001:db8::1")]
    [InlineData("балансер.example")]
    public void A_garbled_host_is_not_believed(string value)
    {
        Assert.False(ForwardedValues.TryParseHost(value, out string? host));
        Assert.Null(host);
        Assert.False(ForwardedValues.TryParseHost(new string('a', ForwardedValues.MaxHostLength + 1), out _));
    }

    [Theory]
    [InlineData("https", "https")]
    [InlineData("HTTPS", "https")]
    [InlineData("http, https", "https")]
    [InlineData("https,http", "http")]
    public void The_scheme_is_the_rightmost_http_or_https(string value, string expected)
    {
        Assert.True(ForwardedValues.TryParseProto(value, out string? scheme));
        Assert.Equal(expected, scheme);
    }

    [Theory]
    [InlineData("")]
    [InlineData("wss")]
    [InlineData("javascript")]
    [InlineData("https ,")]
    public void Another_scheme_is_not_believed(string value) => Assert.False(ForwardedValues.TryParseProto(value, out _));

    [Fact]
    public void Trusted_proxies_are_addresses_or_networks_and_a_bad_entry_is_named()
    {
        IReadOnlyList<IPNetwork> networks = TrustedProxyNetworks.Parse(["10.0.0.5", " 192.168.0.0/16 ", "fd00::/8", "::1"]);
        Assert.Equal(["10.0.0.5/32", "192.168.0.0/16", "fd00::/8", "::1/128"], networks.Select(n => n.ToString()));

        ArgumentException bad = Assert.Throws<ArgumentException>(() => TrustedProxyNetworks.Parse(["10.0.0.5", "balancer.lan"]));
        Assert.Contains("'balancer.lan'", bad.Message, StringComparison.Ordinal);
        Assert.Contains("Server:TrustedProxies", bad.Message, StringComparison.Ordinal);
        // Bits past the prefix are a typo for another network, not a network.
        Assert.Contains("write 10.0.0.0/8", Assert.Throws<ArgumentException>(() => TrustedProxyNetworks.Parse(["10.0.0.5/8"])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TrustedProxyNetworks.Parse(["10.0.0.0/33"]));
    }

    [Fact]
    public void An_IPv4_mapped_entry_trusts_the_IPv4_balancer_it_names_however_the_socket_reports_it()
    {
        IReadOnlyList<IPNetwork> networks = TrustedProxyNetworks.Parse(["::ffff:10.0.0.2", "::ffff:192.168.1.0/120"]);

        // IPv4 networks: the handshake maps a peer reported as ::ffff:10.0.0.2 to 10.0.0.2 before it compares.
        Assert.Equal(["10.0.0.2/32", "192.168.1.0/24"], networks.Select(n => n.ToString()));
        Assert.True(networks[0].Contains(IPAddress.Parse("10.0.0.2")));
        Assert.True(networks[1].Contains(IPAddress.Parse("192.168.1.77")));
        Assert.False(networks[0].Contains(IPAddress.Parse("10.0.0.3")));
    }
}
