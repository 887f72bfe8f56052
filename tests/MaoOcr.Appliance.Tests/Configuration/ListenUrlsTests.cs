using MaoOcr.Appliance.Configuration;

namespace MaoOcr.Appliance.Tests.Configuration;

public sealed class ListenUrlsTests
{
    [Theory]
    [InlineData("https://0.0.0.0:8443", true, "0.0.0.0", 8443)]
    [InlineData("http://127.0.0.1:8080;", false, "127.0.0.1", 8080)]
    [InlineData("HTTP://[::1]:8080", false, "::1", 8080)]
    public void One_address_is_read(string urls, bool tls, string host, int port)
    {
        Assert.True(ListenUrls.TryParse(urls, "ASPNETCORE_URLS", tls, out string readHost, out int readPort, out string? error), error);
        Assert.Equal(host, readHost);
        Assert.Equal(port, readPort);
    }

    [Theory]
    [InlineData("", false, "ASPNETCORE_URLS is empty")]
    [InlineData("http://0.0.0.0:80;https://0.0.0.0:443", true, "names 2 addresses")]
    [InlineData("https://0.0.0.0:8443", false, "needs --tls-cert and --tls-key")]
    [InlineData("http://0.0.0.0:8080", true, "would serve HTTPS")]
    [InlineData("http://0.0.0.0:0", false, "no valid port")]
    [InlineData("http://0.0.0.0:99999", false, "no valid port")]
    [InlineData("http://0.0.0.0:8080/ocr", false, "has a path")]
    [InlineData("http://[::1]", false, "names no port")]
    [InlineData("0.0.0.0:8080", false, "not an http:// or https:// address")]
    public void Anything_else_is_refused_with_what_is_wrong(string urls, bool tls, string named)
    {
        Assert.False(ListenUrls.TryParse(urls, "ASPNETCORE_URLS", tls, out _, out _, out string? error));
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_URLS", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8080", true, 8080)]
    [InlineData(" 80 ", true, 80)]
    [InlineData("8080;8081", false, 0)]
    [InlineData("http", false, 0)]
    public void Http_ports_is_one_port(string ports, bool valid, int port)
    {
        Assert.Equal(valid, ListenUrls.TryParsePorts(ports, out int read, out string? error));
        Assert.Equal(port, read);
        Assert.Equal(valid, error is null);
    }
}
