using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MaoOcr.Testing;

namespace MaoOcr.EdgeServer.Tests.Hosting;

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
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
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
