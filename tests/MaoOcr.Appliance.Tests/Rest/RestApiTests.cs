using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace MaoOcr.Appliance.Tests.Rest;

/// <summary>The REST API end to end: the real server on loopback, real OCR of rendered images.</summary>
public sealed class RestApiTests : IClassFixture<ApplianceFixture>
{
    private readonly RunningAppliance _appliance;

    public RestApiTests(ApplianceFixture fixture) => _appliance = fixture.Appliance;

    [Fact]
    public async Task Health_and_readiness_answer_once_the_engine_is_warm()
    {
        Assert.Equal("ok\n", await _appliance.Client.GetStringAsync("/healthz"));
        using HttpResponseMessage ready = await _appliance.Client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready: onnxruntime 1.32.0 on cpu\n", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Raw_image_body_is_read_and_the_same_image_again_comes_from_the_cache()
    {
        RenderedImage image = TextImageRenderer.RenderLines(["REST API line one", "配送地址已更新"], new TextBlockStyle { Font = TestFonts.NotoSansCjkSc, FontSize = 30 });
        JsonElement first = await PostAsync(image.Bytes, "image/png", "?language=auto&accuracy_requirement=balanced");
        Assert.False(first.GetProperty("cached").GetBoolean());
        Assert.True(TextMetrics.CharacterErrorRate(image.Text, first.GetProperty("text").GetString()!) <= 0.05, first.GetProperty("text").GetString());
        Assert.Equal(2, first.GetProperty("lines").GetArrayLength());
        Assert.Equal(image.Width, first.GetProperty("width").GetInt32());
        Assert.True(first.GetProperty("timings").GetProperty("total_ms").GetDouble() > 0);

        JsonElement second = await PostAsync(image.Bytes, "application/octet-stream", string.Empty);
        Assert.True(second.GetProperty("cached").GetBoolean());
        Assert.Equal(first.GetProperty("text").GetString(), second.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Multipart_with_two_files_is_a_batch_in_order()
    {
        RenderedImage a = TextImageRenderer.RenderLines(["First page 111"]);
        RenderedImage b = TextImageRenderer.RenderLines(["Second page 222"]);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(a.Bytes), "image", "a.png" },
            { new ByteArrayContent(b.Bytes), "image", "b.png" },
        };
        using HttpResponseMessage response = await _appliance.Client.PostAsync("/api/ocr", form);
        JsonElement body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["First page 111", "Second page 222"], body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("text").GetString()));
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, "application/octet-stream", "", HttpStatusCode.UnsupportedMediaType, "unsupported_format")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16 }, "image/jpeg", "", HttpStatusCode.BadRequest, "invalid_image")]
    [InlineData(new byte[0], "image/png", "", HttpStatusCode.BadRequest, "invalid_image")]
    [InlineData(new byte[] { 1 }, "image/png", "?language=klingon", HttpStatusCode.BadRequest, "invalid_message")]
    public async Task Bad_requests_get_a_status_and_a_coded_error(byte[] body, string contentType, string query, HttpStatusCode status, string code)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using HttpResponseMessage response = await _appliance.Client.PostAsync("/api/ocr" + query, content);
        JsonElement error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.False(error.GetProperty("retryable").GetBoolean());
    }

    /// <summary>The refusal of bytes that are not a usable image says what they look like and what is wrong with them.</summary>
    public static TheoryData<string, byte[], HttpStatusCode, string, string> NamedRefusals()
    {
        byte[] badChecksum = PngBuilder.Rgba(1, 1, [0, 0, 0, 255]);
        badChecksum[8 + 8 + 13] ^= 0xFF;
        return new()
        {
            { "svg", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>"), HttpStatusCode.UnsupportedMediaType, "unsupported_format", "SVG" },
            { "html", Encoding.UTF8.GetBytes("<!DOCTYPE html><html></html>"), HttpStatusCode.UnsupportedMediaType, "unsupported_format", "HTML" },
            { "text", Encoding.UTF8.GetBytes("total 12.50"), HttpStatusCode.UnsupportedMediaType, "unsupported_format", "text" },
            { "png-checksum", badChecksum, HttpStatusCode.BadRequest, "invalid_image", "checksum" },
            { "png-zero-width", PngBuilder.Build(0, 1, PngBuilder.ColorTypeRgb, new byte[4]), HttpStatusCode.BadRequest, "invalid_image", "0×1" },
        };
    }

    [Theory]
    [MemberData(nameof(NamedRefusals))]
    public async Task Refusals_of_image_bytes_name_what_the_bytes_are(string what, byte[] body, HttpStatusCode status, string code, string named)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using HttpResponseMessage response = await _appliance.Client.PostAsync("/api/ocr", content);
        JsonElement error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        string message = error.GetProperty("message").GetString()!;

        Assert.True(status == response.StatusCode, $"{what}: {(int)response.StatusCode} {message}");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Contains(named, message, StringComparison.Ordinal);
        Assert.DoesNotContain("truncated", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_count_requests_errors_and_stage_latencies()
    {
        await PostAsync(TextImageRenderer.RenderLines(["Metrics"]).Bytes, "image/png", string.Empty);
        using var bad = new ByteArrayContent([9, 9, 9]);
        (await _appliance.Client.PostAsync("/api/ocr", bad)).Dispose();

        string metrics = await _appliance.Client.GetStringAsync("/metrics");
        Assert.Contains("# TYPE maoocr_requests_total counter", metrics, StringComparison.Ordinal);
        Assert.Matches(@"maoocr_requests_total\{transport=""rest""\} [1-9]", metrics);
        Assert.Matches(@"maoocr_errors_total\{code=""unsupported_format""\} [1-9]", metrics);
        Assert.Matches(@"maoocr_stage_duration_seconds_bucket\{stage=""detection"",le=""\+Inf""\} [1-9]", metrics);
        Assert.Contains("maoocr_queue_depth 0", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_web_client_is_served_from_the_binary()
    {
        using HttpResponseMessage page = await _appliance.Client.GetAsync("/");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("MaoOCR Edge", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using HttpResponseMessage missing = await _appliance.Client.GetAsync("/no-such-file.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private async Task<JsonElement> PostAsync(byte[] image, string contentType, string query)
    {
        using var content = new ByteArrayContent(image);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using HttpResponseMessage response = await _appliance.Client.PostAsync("/api/ocr" + query, content);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
