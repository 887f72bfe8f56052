using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text.Json;
using static MaoOcr.Appliance.Testing.OcrSocket;

namespace MaoOcr.Appliance.Tests.Rest;

/// <summary>
/// Every ocr_error code over /ws/ocr, each by a real path through the appliance: the codec, the image decoder, the
/// connection's in-flight limit, the request deadline, the byte limit and an engine that failed to load. After each
/// error the connection keeps serving.
/// </summary>
public sealed class ErrorCodeTests : IClassFixture<ApplianceFixture>
{
    private readonly RunningAppliance _appliance;

    public ErrorCodeTests(ApplianceFixture fixture) => _appliance = fixture.Appliance;

    [Fact]
    public async Task Bad_messages_and_bad_images_get_their_codes_and_the_connection_keeps_serving()
    {
        using ClientWebSocket socket = await ConnectAsync(_appliance);
        byte[] png = TextImageRenderer.RenderLines(["Truncated"]).Bytes;

        await SendTextAsync(socket, """{"type":"ocr_request","id":"no-data","timestamp":1.0}""");
        JsonElement invalidMessage = await ReceiveAsync(socket);
        Assert.Equal(("ocr_error", "invalid_message", "no-data"), (Type(invalidMessage), Code(invalidMessage), RequestId(invalidMessage)));

        await SendTextAsync(socket, Request("truncated", png[..(png.Length / 2)]));
        JsonElement invalidImage = (await ReceiveUntilFinalAsync(socket, "truncated"))[^1];
        Assert.Equal("invalid_image", Code(invalidImage));

        // A TIFF: an image format the appliance does not read.
        await SendTextAsync(socket, Request("not-an-image", "II*\0 a TIFF header and nothing more"u8.ToArray()));
        JsonElement unsupported = (await ReceiveUntilFinalAsync(socket, "not-an-image"))[^1];
        Assert.Equal("unsupported_format", Code(unsupported));

        // A PDF's header with no PDF after it: read as a PDF (the appliance reads PDFs), and refused as a broken one.
        await SendTextAsync(socket, Request("broken-pdf", "%PDF-1.7 not a document at all"u8.ToArray()));
        JsonElement brokenPdf = (await ReceiveUntilFinalAsync(socket, "broken-pdf"))[^1];
        Assert.Equal("invalid_image", Code(brokenPdf));
        Assert.Contains("PDF", Data(brokenPdf).GetProperty("message").GetString(), StringComparison.Ordinal);

        foreach (JsonElement error in new[] { invalidMessage, invalidImage, unsupported, brokenPdf })
        {
            Assert.False(Data(error).GetProperty("retryable").GetBoolean());
            Assert.False(string.IsNullOrWhiteSpace(Data(error).GetProperty("message").GetString()));
        }
        RenderedImage good = TextImageRenderer.RenderLines(["Still serving 3088"]);
        await SendTextAsync(socket, Request("good", good.Bytes));
        Assert.Equal("ocr_complete", Type((await ReceiveUntilFinalAsync(socket, "good"))[^1]));
    }

    [Fact]
    public async Task More_than_sixteen_in_flight_on_one_connection_are_refused_busy_with_a_retry_hint()
    {
        using ClientWebSocket socket = await ConnectAsync(_appliance);
        const int Sent = 18;
        // Distinct images, so none is answered from the cache before the 17th arrives. All are rendered first and then
        // sent back to back: rendering between sends gave the appliance time to finish early requests, so the 17th
        // could find a free slot (seen on a clean CI run).
        byte[][] requests = [.. Enumerable.Range(0, Sent).Select(i => BinaryRequest($"busy-{i}", TextImageRenderer.RenderLines([$"Busy {i:D2}"]).Bytes))];
        foreach (byte[] request in requests)
        {
            await SendBinaryAsync(socket, request);
        }

        var finals = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        while (finals.Count < Sent)
        {
            JsonElement message = await ReceiveAsync(socket);
            if (IsFinal(message))
            {
                Assert.True(finals.TryAdd(RequestId(message)!, message), "a second final message for " + RequestId(message));
            }
        }
        JsonElement[] busy = [.. finals.Values.Where(m => Type(m) == "ocr_error")];
        Assert.NotEmpty(busy);
        Assert.All(busy, m =>
        {
            Assert.Equal("busy", Code(m));
            Assert.True(Data(m).GetProperty("retryable").GetBoolean());
            Assert.True(Data(m).GetProperty("retry_after_ms").GetInt32() > 0);
        });
        // The first sixteen were taken; only later ones can have been refused.
        Assert.All(Enumerable.Range(0, 16), i => Assert.Equal("ocr_complete", Type(finals[$"busy-{i}"])));
    }

    [Fact]
    public async Task A_past_deadline_is_timeout_and_an_oversized_image_is_image_too_large_on_rest_and_websocket()
    {
        // A limit of 0 s has passed by the time a request reaches a worker, so it is answered timeout unrun; 100 kB is the byte limit.
        await using RunningAppliance strict = await RunningAppliance.StartAsync(("Server:RequestTimeoutSeconds", "0"), ("Protocol:MaxImageBytes", "100000"));
        using ClientWebSocket socket = await ConnectAsync(strict);

        await SendTextAsync(socket, Request("late", TextImageRenderer.RenderLines(["Too late"]).Bytes));
        JsonElement timeout = (await ReceiveUntilFinalAsync(socket, "late"))[^1];
        Assert.Equal("timeout", Code(timeout));
        Assert.True(Data(timeout).GetProperty("retryable").GetBoolean());

        byte[] large = new byte[110_000];
        new Random(7).NextBytes(large);
        await SendBinaryAsync(socket, BinaryRequest("large-binary", large));
        Assert.Equal("image_too_large", Code((await ReceiveUntilFinalAsync(socket, "large-binary"))[^1]));
        await SendTextAsync(socket, Request("large-text", large));
        Assert.Equal("image_too_large", Code((await ReceiveUntilFinalAsync(socket, "large-text"))[^1]));
        await PingAsync(socket, "after-large");

        // A message above what any allowed image and its envelope can take is stopped by the WebSocket layer: 1009.
        using (ClientWebSocket huge = await ConnectAsync(strict))
        {
            await SendBinaryAsync(huge, BinaryRequest("huge", new byte[400_000]));
            WebSocketReceiveResult closed = await huge.ReceiveAsync(new byte[1024], CancellationToken.None).WaitAsync(StepTimeout);
            Assert.Equal(WebSocketMessageType.Close, closed.MessageType);
            Assert.Equal(WebSocketCloseStatus.MessageTooBig, closed.CloseStatus);
        }

        using var content = new ByteArrayContent(large);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using HttpResponseMessage rest = await strict.Client.PostAsync("/api/ocr", content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, rest.StatusCode);
        Assert.Equal("image_too_large", JsonDocument.Parse(await rest.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_engine_that_failed_to_load_answers_internal_and_readiness_says_why()
    {
        await using RunningAppliance broken = await RunningAppliance.StartAsync(
            waitForEngine: false, ("Inference:OrtLibraryPath", "/nonexistent/libonnxruntime.so"));
        using HttpResponseMessage ready = await broken.Client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);

        using ClientWebSocket socket = await ConnectAsync(broken);
        await SendTextAsync(socket, Request("broken", TextImageRenderer.RenderLines(["No engine"]).Bytes));
        JsonElement error = (await ReceiveUntilFinalAsync(socket, "broken"))[^1];
        Assert.Equal("internal", Code(error));
        Assert.True(Data(error).GetProperty("retryable").GetBoolean());
        Assert.Contains("not available", Data(error).GetProperty("message").GetString(), StringComparison.Ordinal);

        using var content = new ByteArrayContent(TextImageRenderer.RenderLines(["No engine"]).Bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using HttpResponseMessage rest = await broken.Client.PostAsync("/api/ocr", content);
        Assert.Equal(HttpStatusCode.InternalServerError, rest.StatusCode);
        Assert.Equal("internal", JsonDocument.Parse(await rest.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }
}
