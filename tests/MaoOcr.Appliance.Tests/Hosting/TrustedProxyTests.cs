using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MaoOcr.Appliance.Tests.Hosting;

/// <summary>
/// TLS ends at a balancer (https://balancer.example), which forwards plain HTTP to the appliance with X-Forwarded-*.
/// The tests connect from 127.0.0.1, so they play the balancer: trusted when Server:TrustedProxies lists 127.0.0.1, a
/// client forging the fields when it does not. Both WebSocket paths are driven: the handshake as a connection's first
/// request (answered by the connection middleware) and as a later one on a keep-alive connection (Kestrel's HTTP).
/// </summary>
public sealed class TrustedProxyTests
{
    private const string Token = "fleet-token";
    private const string BalancerOrigin = "https://balancer.example";
    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";

    public static TheoryData<bool> BothPaths => new() { false, true };

    [Theory]
    [MemberData(nameof(BothPaths))]
    public async Task Through_a_trusted_balancer_the_page_it_served_may_open_the_websocket_with_the_token(bool afterAnotherRequest)
    {
        await using RunningAppliance appliance = await RunningAppliance.StartAsync(("Server:ApiToken", Token), ("Server:TrustedProxies:0", "127.0.0.1"));

        Assert.StartsWith("HTTP/1.1 101", await HandshakeAsync(appliance, afterAnotherRequest, BalancerOrigin, "https", $"?token={Token}"), StringComparison.Ordinal);
        // The token in a header reaches the check too: nothing on the way strips Authorization.
        Assert.StartsWith("HTTP/1.1 101", await HandshakeAsync(appliance, afterAnotherRequest, BalancerOrigin, "https", string.Empty, $"Authorization: Bearer {Token}\r\n"), StringComparison.Ordinal);
        // Behind the balancer the token is still required.
        Assert.StartsWith("HTTP/1.1 401", await HandshakeAsync(appliance, afterAnotherRequest, BalancerOrigin, "https", "?token=wrong"), StringComparison.Ordinal);
        // Another site's page is still refused, whatever the balancer forwards.
        Assert.StartsWith("HTTP/1.1 403", await HandshakeAsync(appliance, afterAnotherRequest, "https://evil.example", "https", $"?token={Token}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_forwarded_scheme_counts_a_plain_http_page_of_the_same_host_is_another_origin()
    {
        await using RunningAppliance appliance = await RunningAppliance.StartAsync(("Server:TrustedProxies:0", "127.0.0.0/8"));

        Assert.StartsWith("HTTP/1.1 403", await HandshakeAsync(appliance, false, "http://balancer.example", "https", string.Empty), StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 101", await HandshakeAsync(appliance, false, "http://balancer.example", "http", string.Empty), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BothPaths))]
    public async Task From_an_untrusted_peer_forged_forwarded_fields_do_not_widen_the_origin_check(bool afterAnotherRequest)
    {
        // Trusts a balancer network the test is not in; then none at all (the default).
        await using (RunningAppliance other = await RunningAppliance.StartAsync(("Server:TrustedProxies:0", "10.0.0.0/8")))
        {
            Assert.StartsWith("HTTP/1.1 403", await HandshakeAsync(other, afterAnotherRequest, BalancerOrigin, "https", string.Empty), StringComparison.Ordinal);
        }
        await using RunningAppliance none = await RunningAppliance.StartAsync();
        Assert.StartsWith("HTTP/1.1 403", await HandshakeAsync(none, afterAnotherRequest, BalancerOrigin, "https", string.Empty), StringComparison.Ordinal);
        // The appliance's own origin still works there: the check is not broken, only not widened.
        string own = $"http://{none.Address.Authority}";
        Assert.StartsWith("HTTP/1.1 101", await HandshakeAsync(none, afterAnotherRequest, own, null, string.Empty, host: none.Address.Authority), StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_keep_alive_connection_the_forwarded_fields_are_applied_once_not_again_for_a_client_on_a_trusted_network()
    {
        // The LAN is trusted, and a balancer that appends: the client's own X-Forwarded-Host entry is left once the
        // balancer's (the rightmost) is applied. Believed a second time, it would make evil.example the own origin.
        await using RunningAppliance appliance = await RunningAppliance.StartAsync(("Server:TrustedProxies:0", "127.0.0.0/8"));
        string appended = "X-Forwarded-For: 127.0.0.2\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: evil.example, balancer.example\r\n";

        Assert.StartsWith("HTTP/1.1 403", await HandshakeAsync(appliance, true, "https://evil.example", null, string.Empty, appended), StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 403", await HandshakeAsync(appliance, false, "https://evil.example", null, string.Empty, appended), StringComparison.Ordinal);
        // The balancer's entry is the one believed, on both paths.
        Assert.StartsWith("HTTP/1.1 101", await HandshakeAsync(appliance, true, BalancerOrigin, null, string.Empty, appended), StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 101", await HandshakeAsync(appliance, false, BalancerOrigin, null, string.Empty, appended), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rest_through_a_trusted_balancer_still_needs_and_takes_the_token()
    {
        await using RunningAppliance appliance = await RunningAppliance.StartAsync(("Server:ApiToken", Token), ("Server:TrustedProxies:0", "127.0.0.1"));
        byte[] image = TextImageRenderer.RenderLines(["Behind the balancer 5150"]).Bytes;

        Assert.Equal(HttpStatusCode.Unauthorized, await PostThroughBalancerAsync(appliance, image, bearer: null));
        Assert.Equal(HttpStatusCode.OK, await PostThroughBalancerAsync(appliance, image, Token));
    }

    [Fact]
    public async Task A_trusted_proxy_entry_that_is_no_address_stops_the_start_with_its_name()
    {
        ArgumentException bad = await Assert.ThrowsAsync<ArgumentException>(() => RunningAppliance.StartAsync(("Server:TrustedProxies:0", "10.0.0.0/8"), ("Server:TrustedProxies:1", "balancer.lan")));
        Assert.Contains("Server:TrustedProxies entry 'balancer.lan'", bad.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> PostThroughBalancerAsync(RunningAppliance appliance, byte[] image, string? bearer)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/ocr") { Content = new ByteArrayContent(image) };
        message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        message.Headers.Host = "maoocr-1.internal:8080";
        message.Headers.Add("X-Forwarded-For", "203.0.113.7");
        message.Headers.Add("X-Forwarded-Proto", "https");
        message.Headers.Add("X-Forwarded-Host", "balancer.example");
        if (bearer is not null)
        {
            message.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }
        using HttpResponseMessage response = await appliance.Client.SendAsync(message);
        return response.StatusCode;
    }

    /// <summary>
    /// A handshake as a balancer forwards it: Host is the appliance's internal name, X-Forwarded-Host and -Proto what the
    /// browser used (no forwarded fields when <paramref name="proto"/> is null). Returns the response head.
    /// </summary>
    private static async Task<string> HandshakeAsync(
        RunningAppliance appliance, bool afterAnotherRequest, string origin, string? proto, string query, string extraHeaders = "", string host = "maoocr-1.internal:8080")
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(appliance.Address.Host, appliance.Address.Port).WaitAsync(OcrSocket.StepTimeout);
        NetworkStream stream = tcp.GetStream();
        if (afterAnotherRequest)
        {
            // A plain request first: the connection goes to Kestrel's HTTP, so the handshake takes the fallback path.
            await WriteAsync(stream, $"GET /healthz HTTP/1.1\r\nHost: {host}\r\n\r\n");
            string health = await ReadHeadAsync(stream);
            Assert.StartsWith("HTTP/1.1 200", health, StringComparison.Ordinal);
            byte[] body = new byte["ok\n".Length];
            await stream.ReadExactlyAsync(body).AsTask().WaitAsync(OcrSocket.StepTimeout);
        }
        string forwarded = proto is null ? string.Empty
            : $"X-Forwarded-For: 203.0.113.7\r\nX-Forwarded-Proto: {proto}\r\nX-Forwarded-Host: balancer.example\r\n";
        await WriteAsync(stream,
            $"GET /ws/ocr{query} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + $"Sec-WebSocket-Key: {Key}\r\nSec-WebSocket-Version: 13\r\nOrigin: {origin}\r\n{forwarded}{extraHeaders}\r\n");
        return await ReadHeadAsync(stream);
    }

    private static Task WriteAsync(NetworkStream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask().WaitAsync(OcrSocket.StepTimeout);

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        byte[] one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            int read = await stream.ReadAsync(one).AsTask().WaitAsync(OcrSocket.StepTimeout);
            Assert.True(read == 1, "The connection closed inside a response head: " + head);
            head.Append((char)one[0]);
        }
        return head.ToString();
    }
}
