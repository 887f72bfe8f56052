using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace MaoOcr.Appliance.Tests.Hosting;

public sealed class SecurityTests
{
    [Fact]
    public async Task With_a_token_configured_calls_need_it_as_bearer_or_query()
    {
        await using RunningAppliance appliance = await RunningAppliance.StartAsync(("Server:ApiToken", "s3cret-token"));
        byte[] image = TextImageRenderer.RenderLines(["Token 42"]).Bytes;

        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(appliance, image, null, string.Empty));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(appliance, image, "wrong-token", string.Empty));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(appliance, image, "s3cret-token", string.Empty));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(appliance, image, null, "?token=s3cret-token"));
    }

    [Fact]
    public async Task WebSocket_handshake_checks_the_token_and_the_origin_allow_list()
    {
        await using RunningAppliance appliance = await RunningAppliance.StartAsync(
            ("Server:ApiToken", "s3cret-token"), ("Server:AllowedOrigins:0", "https://app.example.com"));
        string sameOrigin = $"http://{appliance.Address.Authority}";

        Assert.Equal(HttpStatusCode.Unauthorized, await HandshakeStatusAsync(appliance, "?token=wrong", origin: null));
        Assert.Equal(HttpStatusCode.Unauthorized, await HandshakeStatusAsync(appliance, string.Empty, sameOrigin));
        Assert.Equal(HttpStatusCode.Forbidden, await HandshakeStatusAsync(appliance, "?token=s3cret-token", "https://evil.example.net"));
        Assert.Equal(HttpStatusCode.Forbidden, await HandshakeStatusAsync(appliance, "?token=s3cret-token", "null"));
        // Browsers: the token in the query, their own Origin; the same origin and the configured one are allowed.
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await HandshakeStatusAsync(appliance, "?token=s3cret-token", sameOrigin));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await HandshakeStatusAsync(appliance, "?token=s3cret%2Dtoken", "https://app.example.com"));
    }

    [Fact]
    public async Task Tls_from_pem_files_serves_https()
    {
        string folder = Directory.CreateTempSubdirectory("maoocr-tls-").FullName;
        try
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            string certPath = Path.Combine(folder, "cert.pem"), keyPath = Path.Combine(folder, "key.pem");
            await File.WriteAllTextAsync(certPath, certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());

            await using RunningAppliance appliance = await RunningAppliance.StartAsync(("Server:TlsCertificatePath", certPath), ("Server:TlsKeyPath", keyPath));

            Assert.Equal("https", appliance.Address.Scheme);
            Assert.Equal("ok\n", await appliance.Client.GetStringAsync("/healthz"));

            // wss:// on the same port: the connection middleware reads the request head after TLS.
            using var socket = new ClientWebSocket();
            socket.Options.RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString();
            await socket.ConnectAsync(OcrSocket.Uri(appliance), CancellationToken.None).WaitAsync(OcrSocket.StepTimeout);
            await OcrSocket.PingAsync(socket, "tls-ping");
            RenderedImage image = TextImageRenderer.RenderLines(["Over TLS 2718"]);
            await OcrSocket.SendBinaryAsync(socket, OcrSocket.BinaryRequest("tls-1", image.Bytes));
            JsonElement final = (await OcrSocket.ReceiveUntilFinalAsync(socket, "tls-1"))[^1];
            Assert.Equal("ocr_complete", OcrSocket.Type(final));
            Assert.True(TextMetrics.CharacterErrorRate(image.Text, OcrSocket.Data(final).GetProperty("text").GetString()!) <= 0.05);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<HttpStatusCode> HandshakeStatusAsync(RunningAppliance appliance, string query, string? origin)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }
        try
        {
            await socket.ConnectAsync(OcrSocket.Uri(appliance, query), CancellationToken.None).WaitAsync(OcrSocket.StepTimeout);
            await OcrSocket.PingAsync(socket, "allowed");
        }
        catch (WebSocketException)
        {
            // Refused: the status code says why.
        }
        return socket.HttpStatusCode;
    }

    private static async Task<HttpStatusCode> PostAsync(RunningAppliance appliance, byte[] image, string? bearer, string query)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/ocr" + query) { Content = new ByteArrayContent(image) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        if (bearer is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        using HttpResponseMessage response = await appliance.Client.SendAsync(message);
        return response.StatusCode;
    }
}
