using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
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

    /// <summary>
    /// A body that stops arriving falls below Kestrel's minimum data rate (240 bytes/s after a 5 s grace period) and is
    /// refused with 408, which carries the error object too.
    /// </summary>
    [Fact]
    public async Task A_body_that_stops_arriving_is_408_with_the_error_object()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_appliance.Address.Host, _appliance.Address.Port);
        NetworkStream stream = client.GetStream();
        byte[] head = Encoding.ASCII.GetBytes(
            $"POST /api/ocr HTTP/1.1\r\nHost: {_appliance.Address.Authority}\r\nX-Request-Id: slow-1\r\nContent-Type: image/png\r\nContent-Length: 100000\r\n\r\n");
        await stream.WriteAsync(head);
        await stream.WriteAsync(s_small.Bytes.AsMemory(0, 64));

        string response = await ReadResponseAsync(stream);

        Assert.StartsWith("HTTP/1.1 408 ", response, StringComparison.Ordinal);
        Assert.True(response.Contains('{', StringComparison.Ordinal), $"no error object in the 408:\n{response}");
        // The body may come in chunks; the object is all there is between its braces.
        JsonElement error = JsonDocument.Parse(response[response.IndexOf('{', StringComparison.Ordinal)..(response.LastIndexOf('}') + 1)]).RootElement;
        Assert.Equal("timeout", error.GetProperty("code").GetString());
        Assert.Equal("slow-1", error.GetProperty("request_id").GetString());
        Assert.True(error.GetProperty("retryable").GetBoolean());
    }

    /// <summary>A multipart body over Kestrel's body limit is refused by Kestrel while the form is read: 413 with the error object.</summary>
    [Fact]
    public async Task A_multipart_body_over_the_body_limit_is_413_with_the_error_object()
    {
        // The body limit is a full batch of the largest images, base64-sized, plus 1 MiB: here 1,333 bytes + 1 MiB.
        await using RunningAppliance strict = await RunningAppliance.StartAsync(("Protocol:MaxImageBytes", "1000"), ("Protocol:MaxImagesPerRequest", "1"));
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[(1 << 20) + 4096]), "image", "big.png" } };
        using HttpResponseMessage response = await strict.Client.PostAsync("/api/ocr", form);
        string body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode} '{body}'");
        Assert.Equal("image_too_large", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
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

    /// <summary>Kestrel's own 414 and 431 are empty; ours name the limit, as the error object under the API.</summary>
    [Fact]
    public async Task A_request_target_over_8_KiB_is_414_with_the_error_object_under_the_api_and_text_elsewhere()
    {
        string query = "?note=" + new string('q', 8 * 1024);
        using HttpResponseMessage api = await _appliance.Client.PostAsync("/api/ocr" + query, new ByteArrayContent(s_small.Bytes));
        Assert.Equal(HttpStatusCode.RequestUriTooLong, api.StatusCode);
        AssertErrorObject(await api.Content.ReadAsStringAsync(), "the limit is 8192");

        using HttpResponseMessage page = await _appliance.Client.GetAsync("/index.html" + query);
        Assert.Equal(HttpStatusCode.RequestUriTooLong, page.StatusCode);
        Assert.Contains("the limit is 8192", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headers_over_32_KiB_are_431_with_the_error_object_and_just_under_is_served()
    {
        using var over = new HttpRequestMessage(HttpMethod.Post, "/api/ocr") { Content = new ByteArrayContent(s_small.Bytes) };
        over.Headers.Add("X-Padding-A", new string('a', 17 * 1024));
        over.Headers.Add("X-Padding-B", new string('b', 16 * 1024));
        using HttpResponseMessage refused = await _appliance.Client.SendAsync(over);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, refused.StatusCode);
        AssertErrorObject(await refused.Content.ReadAsStringAsync(), "the limit is 32768");

        using var under = new HttpRequestMessage(HttpMethod.Post, "/api/ocr") { Content = new ByteArrayContent(s_small.Bytes) };
        under.Headers.Add("X-Padding-A", new string('a', 30 * 1024));
        under.Content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using HttpResponseMessage served = await _appliance.Client.SendAsync(under);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    private static void AssertErrorObject(string body, string mentioned)
    {
        JsonElement error = JsonDocument.Parse(body).RootElement;
        Assert.Equal("invalid_message", error.GetProperty("code").GetString());
        Assert.Contains(mentioned, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("request_id").GetString()));
        Assert.False(error.GetProperty("retryable").GetBoolean());
    }

    /// <summary>The response head and body as text, up to the body's Content-Length or the end of the connection.</summary>
    private static async Task<string> ReadResponseAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var received = new MemoryStream();
        byte[] buffer = new byte[4096];
        while (true)
        {
            int read = await stream.ReadAsync(buffer, timeout.Token);
            received.Write(buffer, 0, read);
            string text = Encoding.UTF8.GetString(received.ToArray());
            int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            System.Text.RegularExpressions.Match length = System.Text.RegularExpressions.Regex.Match(text, @"Content-Length: (\d+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            if (read == 0 || (end >= 0 && length.Success && received.Length >= end + 4 + int.Parse(length.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)))
            {
                return text;
            }
        }
    }
}
