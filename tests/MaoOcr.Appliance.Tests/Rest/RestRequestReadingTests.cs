using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace MaoOcr.Appliance.Tests.Rest;

/// <summary>
/// How POST /api/ocr reads what it is sent: multipart bodies that break the format are the client's mistake (400 and
/// the error object), a raw body is read whole whatever its size against the pipe's segments, and the route answers
/// other methods 405.
/// </summary>
public sealed class RestRequestReadingTests : IClassFixture<ApplianceFixture>
{
    /// <summary>Kestrel's pipes hand out memory in blocks of this many bytes: bodies of a multiple of it end on a block's edge.</summary>
    private const int PipeBlock = 4096;

    private static readonly RenderedImage s_small = TextImageRenderer.RenderLines(["Pipe 17"], new TextBlockStyle { FontSize = 20, Margin = 8 });

    private readonly RunningAppliance _appliance;

    public RestRequestReadingTests(ApplianceFixture fixture) => _appliance = fixture.Appliance;

    /// <summary>Sizes on and around the edges of one, two, three, four and sixteen pipe blocks.</summary>
    public static TheoryData<int, bool> BodySizes()
    {
        var sizes = new TheoryData<int, bool>();
        foreach (int blocks in new[] { 1, 2, 3, 4, 16 })
        {
            foreach (int delta in new[] { -1, 0, 1 })
            {
                sizes.Add((blocks * PipeBlock) + delta, false);
            }
            sizes.Add(blocks * PipeBlock, true);
        }
        return sizes;
    }

    [Theory]
    [MemberData(nameof(BodySizes))]
    public async Task A_raw_image_body_of_any_size_is_read_whole(int size, bool chunked)
    {
        Assert.True(s_small.Bytes.Length + PngBuilder.ChunkOverhead <= PipeBlock - 1, $"the test image is {s_small.Bytes.Length} bytes");
        byte[] image = PngBuilder.PadTo(s_small.Bytes, size);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ocr") { Content = new ByteArrayContent(image) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        // Without a Content-Length the body comes in chunks and its end is known only when the last chunk arrives.
        request.Headers.TransferEncodingChunked = chunked;
        using HttpResponseMessage response = await _appliance.Client.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{size} bytes: {(int)response.StatusCode} {body}");
        Assert.Equal(s_small.Width, JsonDocument.Parse(body).RootElement.GetProperty("width").GetInt32());
    }

    /// <summary>Multipart bodies that break RFC 7578 / RFC 2046 in the ways clients do; "IMAGE" stands for a PNG's bytes.</summary>
    public static TheoryData<string, string, string> BadMultipart => new()
    {
        { "no boundary", "multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n\r\nIMAGE\r\n--x--\r\n" },
        { "a boundary the body does not use", "multipart/form-data; boundary=expected", "--other\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n\r\nIMAGE\r\n--other--\r\n" },
        { "no closing boundary", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n\r\nIMAGE" },
        { "an empty body", "multipart/form-data; boundary=x", "" },
        { "a part without Content-Disposition", "multipart/form-data; boundary=x", "--x\r\nContent-Type: image/png\r\n\r\nIMAGE\r\n--x--\r\n" },
        { "a part whose Content-Disposition is not form-data", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: inline\r\n\r\nIMAGE\r\n--x--\r\n" },
        { "headers that never end", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\nIMAGE" },
    };

    [Theory]
    [MemberData(nameof(BadMultipart))]
    public async Task Malformed_multipart_is_400_with_the_error_object(string what, string contentType, string body)
    {
        int at = body.IndexOf("IMAGE", StringComparison.Ordinal);
        byte[] bytes = at < 0
            ? Encoding.ASCII.GetBytes(body)
            : [.. Encoding.ASCII.GetBytes(body[..at]), .. s_small.Bytes, .. Encoding.ASCII.GetBytes(body[(at + 5)..])];
        using var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ocr") { Content = content };
        request.Headers.Add("X-Request-Id", "multipart-1");
        using HttpResponseMessage response = await _appliance.Client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode} '{text}'");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        JsonElement error = JsonDocument.Parse(text).RootElement;
        Assert.Equal("invalid_message", error.GetProperty("code").GetString());
        Assert.Equal("multipart-1", error.GetProperty("request_id").GetString());
        Assert.Contains("multipart", error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.False(error.GetProperty("retryable").GetBoolean());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Other_methods_on_the_ocr_route_are_405_with_allow_post(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/api/ocr");
        using HttpResponseMessage response = await _appliance.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        if (method != "HEAD")
        {
            AssertErrorObject(await response.Content.ReadAsStringAsync(), method);
        }
    }

    /// <summary>Under /api the answer is the error object, whatever the method; elsewhere the web app's plain 404 stays.</summary>
    [Theory]
    [InlineData("GET", "/api/ocr/extra")]
    [InlineData("POST", "/api/nothing")]
    [InlineData("GET", "/api")]
    public async Task Unknown_api_routes_are_404_with_the_error_object(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using HttpResponseMessage response = await _appliance.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertErrorObject(await response.Content.ReadAsStringAsync(), path);
    }

    private static void AssertErrorObject(string body, string mentioned)
    {
        JsonElement error = JsonDocument.Parse(body).RootElement;
        Assert.Equal("invalid_message", error.GetProperty("code").GetString());
        Assert.Contains(mentioned, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("request_id").GetString()));
        Assert.False(error.GetProperty("retryable").GetBoolean());
    }
}
