namespace MaoOcr.WebSockets.Tests.Handshake;

/// <summary>RFC 6455 §4.2.1/§4.2.2: every accepted and refused handshake, with its status and headers.</summary>
public sealed class WebSocketHandshakeTests
{
    private static HandshakeResult Evaluate(string text, HandshakeOptions? options = null) =>
        WebSocketHandshake.Evaluate(HandshakeRequests.Parse(text), options ?? new HandshakeOptions());

    private static void AssertRefused(HandshakeResult result, HandshakeRefusal refusal, int status)
    {
        Assert.Equal(HandshakeOutcome.Refuse, result.Outcome);
        Assert.Equal(refusal, result.Refusal);
        Assert.Equal(status, result.StatusCode);
        Assert.False(string.IsNullOrEmpty(result.Reason));
        Assert.DoesNotContain('\n', result.Reason);
        Assert.Null(result.AcceptValue);
    }

    private static void AssertAccepted(HandshakeResult result)
    {
        Assert.Equal(HandshakeOutcome.Accept, result.Outcome);
        Assert.Equal(HandshakeRefusal.None, result.Refusal);
        Assert.Equal(101, result.StatusCode);
        Assert.Equal(HandshakeRequests.RfcAccept, result.AcceptValue);
    }

    [Fact]
    public void Rfc_6455_section_1_3_example_key_gives_its_accept_value() =>
        Assert.Equal(HandshakeRequests.RfcAccept, WebSocketHandshake.ComputeAccept(HandshakeRequests.RfcKey));

    [Fact]
    public void Valid_upgrade_is_accepted_without_extensions()
    {
        HandshakeResult result = Evaluate(HandshakeRequests.Upgrade());
        AssertAccepted(result);
        Assert.Null(result.ExtensionsHeaderValue);
        Assert.False(result.Deflate.IsAccepted);
        Assert.Empty(result.ExtraHeaders);
    }

    [Fact]
    public void Token_lists_are_read_case_insensitively_across_elements_and_fields()
    {
        string text = HandshakeRequests.Upgrade(drop: ["Upgrade", "Connection"], extra: ["upgrade: h2c, WebSocket", "connection: keep-alive", "CONNECTION: , upgrade"]);
        AssertAccepted(Evaluate(text));
    }

    [Fact]
    public void Deflate_offer_is_answered_in_the_extensions_header()
    {
        HandshakeResult result = Evaluate(HandshakeRequests.Upgrade(extra: ["Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits"]));
        AssertAccepted(result);
        Assert.True(result.Deflate.IsAccepted);
        Assert.NotNull(result.ExtensionsHeaderValue);
        Assert.StartsWith("permessage-deflate", result.ExtensionsHeaderValue, StringComparison.Ordinal);
    }

    [Fact]
    public void Deflate_offer_is_declined_when_disabled()
    {
        var options = new HandshakeOptions();
        options.Deflate.Enabled = false;
        HandshakeResult result = Evaluate(HandshakeRequests.Upgrade(extra: ["Sec-WebSocket-Extensions: permessage-deflate"]), options);
        AssertAccepted(result);
        Assert.Null(result.ExtensionsHeaderValue);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/ws/ocr/")]
    [InlineData("/WS/OCR")]
    [InlineData("/ws")]
    public void Other_paths_are_not_ours_even_when_they_ask_to_upgrade(string target)
    {
        Assert.Equal(HandshakeOutcome.PassToHttp, Evaluate(HandshakeRequests.Upgrade(target: target)).Outcome);
    }

    [Fact]
    public void Plain_healthz_get_is_not_ours()
    {
        HandshakeResult result = Evaluate("GET /healthz HTTP/1.1\r\nHost: edge.local\r\n\r\n");
        Assert.Equal(HandshakeOutcome.PassToHttp, result.Outcome);
        Assert.Equal(0, result.StatusCode);
    }

    [Fact]
    public void Configured_path_is_the_endpoint()
    {
        var options = new HandshakeOptions { Path = "/live" };
        AssertAccepted(Evaluate(HandshakeRequests.Upgrade(target: "/live"), options));
        Assert.Equal(HandshakeOutcome.PassToHttp, Evaluate(HandshakeRequests.Upgrade(), options).Outcome);
        Assert.Throws<ArgumentException>(() => options.Path = "");
    }

    [Fact]
    public void Query_string_does_not_change_the_path() =>
        AssertAccepted(Evaluate(HandshakeRequests.Upgrade(target: "/ws/ocr?lang=en")));

    [Theory]
    [InlineData("POST")]
    [InlineData("get")]
    [InlineData("HEAD")]
    public void Method_other_than_GET_is_405_with_Allow(string method)
    {
        HandshakeResult result = Evaluate(HandshakeRequests.Upgrade(method: method));
        AssertRefused(result, HandshakeRefusal.MethodNotGet, 405);
        Assert.Contains(new RequestHeader("Allow", "GET"), result.ExtraHeaders);
    }

    [Theory]
    [InlineData("HTTP/1.0")]
    [InlineData("HTTP/2.0")]
    public void Version_other_than_HTTP_1_1_is_400(string version) =>
        AssertRefused(Evaluate(HandshakeRequests.Upgrade(version: version)), HandshakeRefusal.NotHttp11, 400);

    [Fact]
    public void Missing_or_repeated_Host_is_400()
    {
        AssertRefused(Evaluate(HandshakeRequests.Upgrade(drop: ["Host"])), HandshakeRefusal.BadHost, 400);
        AssertRefused(Evaluate(HandshakeRequests.Upgrade(extra: ["Host: other"])), HandshakeRefusal.BadHost, 400);
        AssertRefused(Evaluate(HandshakeRequests.Upgrade(drop: ["Host"], extra: ["Host:"])), HandshakeRefusal.BadHost, 400);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Upgrade: h2c")]
    [InlineData("Upgrade: websockets")]
    [InlineData("Upgrade: web socket")]
    public void Upgrade_without_websocket_is_400(string? upgrade) =>
        AssertRefused(
            Evaluate(HandshakeRequests.Upgrade(drop: ["Upgrade"], extra: upgrade is null ? null : [upgrade])),
            HandshakeRefusal.NotUpgradeToWebSocket, 400);

    [Theory]
    [InlineData(null)]
    [InlineData("Connection: keep-alive")]
    [InlineData("Connection: Upgraded")]
    public void Connection_without_Upgrade_is_400(string? connection) =>
        AssertRefused(
            Evaluate(HandshakeRequests.Upgrade(drop: ["Connection"], extra: connection is null ? null : [connection])),
            HandshakeRefusal.ConnectionNotUpgrade, 400);

    [Theory]
    [InlineData(null)]
    [InlineData("Sec-WebSocket-Key: ")]
    [InlineData("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ")]
    [InlineData("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=")]
    [InlineData("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZXg=")]
    [InlineData("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25j")]
    [InlineData("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==dGhl")]
    [InlineData("Sec-WebSocket-Key: dGhlIHNhbXBsZ SBub25jZQ==")]
    [InlineData("Sec-WebSocket-Key: !GhlIHNhbXBsZSBub25jZQ==")]
    public void Key_that_is_not_base64_of_16_bytes_is_400(string? key) =>
        AssertRefused(
            Evaluate(HandshakeRequests.Upgrade(drop: ["Sec-WebSocket-Key"], extra: key is null ? null : [key])),
            HandshakeRefusal.BadKey, 400);

    [Fact]
    public void Repeated_key_is_400() =>
        AssertRefused(
            Evaluate(HandshakeRequests.Upgrade(extra: [$"Sec-WebSocket-Key: {HandshakeRequests.RfcKey}"])),
            HandshakeRefusal.BadKey, 400);

    [Theory]
    [InlineData("8")]
    [InlineData("12")]
    [InlineData("14")]
    [InlineData("13, 8")]
    [InlineData("")]
    public void Version_other_than_13_is_426_naming_13(string version)
    {
        HandshakeResult result = Evaluate(HandshakeRequests.Upgrade(drop: ["Sec-WebSocket-Version"], extra: [$"Sec-WebSocket-Version: {version}"]));
        AssertRefused(result, HandshakeRefusal.UnsupportedVersion, 426);
        Assert.Contains(new RequestHeader("Sec-WebSocket-Version", "13"), result.ExtraHeaders);
    }

    [Fact]
    public void Missing_version_is_400_naming_13()
    {
        HandshakeResult result = Evaluate(HandshakeRequests.Upgrade(drop: ["Sec-WebSocket-Version"]));
        AssertRefused(result, HandshakeRefusal.MissingVersion, 400);
        Assert.Contains(new RequestHeader("Sec-WebSocket-Version", "13"), result.ExtraHeaders);
    }

    // ---- Origin ----

    [Theory]
    [InlineData("http://edge.local:8080")]
    [InlineData("HTTP://EDGE.LOCAL:8080")]
    [InlineData("https://edge.local:8080")]
    public void Same_origin_is_allowed(string origin) =>
        AssertAccepted(Evaluate(HandshakeRequests.Upgrade(extra: [$"Origin: {origin}"])));

    [Fact]
    public void Default_port_may_be_written_on_either_side()
    {
        string request(string host, string origin) =>
            HandshakeRequests.Upgrade(drop: ["Host"], extra: [$"Host: {host}", $"Origin: {origin}"]);
        AssertAccepted(Evaluate(request("edge.local", "https://edge.local:443")));
        AssertAccepted(Evaluate(request("edge.local:443", "https://edge.local")));
        AssertAccepted(Evaluate(request("edge.local:80", "http://edge.local")));
        AssertRefused(Evaluate(request("edge.local:80", "https://edge.local")), HandshakeRefusal.OriginNotAllowed, 403);
    }

    [Fact]
    public void Request_without_Origin_is_allowed() => AssertAccepted(Evaluate(HandshakeRequests.Upgrade()));

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("http://edge.local:8081")]
    [InlineData("http://edge.local")]
    [InlineData("http://edge.local:8080.evil.example")]
    [InlineData("http://user@edge.local:8080")]
    [InlineData("http://edge.local:8080/path")]
    [InlineData("null")]
    [InlineData("edge.local:8080")]
    public void Foreign_origin_is_403(string origin) =>
        AssertRefused(Evaluate(HandshakeRequests.Upgrade(extra: [$"Origin: {origin}"])), HandshakeRefusal.OriginNotAllowed, 403);

    [Fact]
    public void Repeated_Origin_is_403() =>
        AssertRefused(
            Evaluate(HandshakeRequests.Upgrade(extra: ["Origin: http://edge.local:8080", "Origin: http://edge.local:8080"])),
            HandshakeRefusal.OriginNotAllowed, 403);

    [Fact]
    public void Configured_origin_is_allowed_and_others_are_not()
    {
        var options = new HandshakeOptions();
        options.AllowedOrigins.Add("https://app.example");
        AssertAccepted(Evaluate(HandshakeRequests.Upgrade(extra: ["Origin: https://APP.example"]), options));
        AssertAccepted(Evaluate(HandshakeRequests.Upgrade(extra: ["Origin: http://edge.local:8080"]), options));
        AssertRefused(Evaluate(HandshakeRequests.Upgrade(extra: ["Origin: https://app.example:8443"]), options), HandshakeRefusal.OriginNotAllowed, 403);
        AssertRefused(Evaluate(HandshakeRequests.Upgrade(extra: ["Origin: http://app.example"]), options), HandshakeRefusal.OriginNotAllowed, 403);
    }

    [Fact]
    public void Star_allows_any_origin()
    {
        var options = new HandshakeOptions();
        options.AllowedOrigins.Add("*");
        AssertAccepted(Evaluate(HandshakeRequests.Upgrade(extra: ["Origin: http://evil.example"]), options));
        AssertAccepted(Evaluate(HandshakeRequests.Upgrade(extra: ["Origin: null"]), options));
    }

    // ---- API token ----

    private static HandshakeOptions WithToken(string token) => new() { ApiToken = token };

    [Theory]
    [InlineData("Authorization: Bearer s3cret", "/ws/ocr")]
    [InlineData("Authorization: bearer s3cret ", "/ws/ocr")]
    [InlineData(null, "/ws/ocr?token=s3cret")]
    [InlineData(null, "/ws/ocr?lang=en&token=s3cret")]
    [InlineData(null, "/ws/ocr?token=s3%63ret")]
    [InlineData("Authorization: Bearer s3cret", "/ws/ocr?token=wrong")]
    [InlineData("Authorization: Basic czNjcmV0", "/ws/ocr?token=s3cret")]
    public void Right_token_is_accepted(string? authorization, string target) =>
        AssertAccepted(Evaluate(HandshakeRequests.Upgrade(target: target, extra: authorization is null ? null : [authorization]), WithToken("s3cret")));

    [Theory]
    [InlineData(null, "/ws/ocr")]
    [InlineData("Authorization: Bearer wrong", "/ws/ocr")]
    [InlineData("Authorization: Bearer s3cre", "/ws/ocr")]
    [InlineData("Authorization: Bearer s3cretX", "/ws/ocr")]
    [InlineData("Authorization: Bearer", "/ws/ocr")]
    [InlineData("Authorization: s3cret", "/ws/ocr")]
    [InlineData(null, "/ws/ocr?token=")]
    [InlineData(null, "/ws/ocr?token=S3CRET")]
    [InlineData(null, "/ws/ocr?xtoken=s3cret")]
    [InlineData("Authorization: Bearer wrong", "/ws/ocr?token=s3cret")]
    public void Missing_or_wrong_token_is_401_with_a_Bearer_challenge(string? authorization, string target)
    {
        HandshakeResult result = Evaluate(HandshakeRequests.Upgrade(target: target, extra: authorization is null ? null : [authorization]), WithToken("s3cret"));
        AssertRefused(result, HandshakeRefusal.Unauthorized, 401);
        Assert.Contains(new RequestHeader("WWW-Authenticate", "Bearer"), result.ExtraHeaders);
    }

    [Fact]
    public void No_token_configured_needs_none() =>
        AssertAccepted(Evaluate(HandshakeRequests.Upgrade(extra: ["Authorization: Bearer anything"]), new HandshakeOptions { ApiToken = "" }));

    [Fact]
    public void Origin_is_judged_before_the_token() =>
        AssertRefused(
            Evaluate(HandshakeRequests.Upgrade(extra: ["Origin: http://evil.example"]), WithToken("s3cret")),
            HandshakeRefusal.OriginNotAllowed, 403);
}
