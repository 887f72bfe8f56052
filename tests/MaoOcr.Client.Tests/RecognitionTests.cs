namespace MaoOcr.Client.Tests;

/// <summary>The SDK against the real appliance: rendered images with known text, real OCR, the real protocol.</summary>
[Collection(ApplianceGroup.Name)]
public sealed class RecognitionTests
{
    private readonly RunningAppliance _appliance;

    public RecognitionTests(ApplianceFixture fixture) => _appliance = fixture.Appliance;

    [Fact]
    public async Task Recognize_returns_the_rendered_text_with_lines_and_boxes()
    {
        await using MaoOcrClient client = await Sdk.ConnectAsync(_appliance);
        RenderedImage image = TextImageRenderer.RenderLines(["Client SDK 4417", "Binary frames"]);

        OcrResult result = await client.RecognizeAsync(image.Bytes, new OcrRequestOptions { Language = OcrLanguage.English }).WaitAsync(Sdk.Patience);

        Assert.Equal(ConnectionStatus.Connected, client.Status);
        Assert.True(TextMetrics.CharacterErrorRate(image.Text, result.Text) <= 0.05, result.Text);
        Assert.Equal(image.Width, result.Width);
        Assert.Equal(image.Height, result.Height);
        Assert.Equal(2, result.Lines.Count);
        Assert.All(result.Lines, line =>
        {
            Assert.Equal(4, line.Box.Count);
            Assert.InRange(line.Confidence, 0.5, 1.0);
            Assert.All(line.Box, p => Assert.InRange(p.X, 0, image.Width));
        });
        Assert.True(result.Lines[0].Box[0].Y < result.Lines[1].Box[0].Y, "lines come in reading order");
        Assert.True(result.Timings.TotalMs > 0);
        // The id of this client's request (prefix, "r", counter), as the appliance echoed it in request_id.
        Assert.Matches("^[^-]+-r[0-9]+$", result.RequestId);
    }

    [Fact]
    public async Task Request_made_while_connecting_waits_and_goes_out_once_connected()
    {
        await using var client = new MaoOcrClient(new MaoOcrClientOptions { Server = Sdk.ServerUri(_appliance) });
        RenderedImage image = TextImageRenderer.RenderLines(["Queued while connecting 4321"]);

        Task connecting = client.ConnectAsync();
        Assert.Equal(ConnectionStatus.Connecting, client.Status);
        Task<OcrResult> early = client.RecognizeAsync(image.Bytes);
        await connecting.WaitAsync(Sdk.Patience);
        OcrResult result = await early.WaitAsync(Sdk.Patience);

        Assert.True(TextMetrics.CharacterErrorRate(image.Text, result.Text) <= 0.05, result.Text);
    }

    [Fact]
    public async Task Stream_yields_start_then_rising_progress_then_one_complete_per_request()
    {
        await using MaoOcrClient client = await Sdk.ConnectAsync(_appliance);
        RenderedImage first = TextImageRenderer.RenderLines(["Stream events 1029"]);
        RenderedImage second = TextImageRenderer.RenderLines(["Second stream 5581"]);
        IAsyncEnumerable<OcrEvent> everything = client.ReadEventsAsync();
        var raised = new List<OcrEvent>();
        client.Started += (_, e) => { lock (raised) { raised.Add(e); } };
        client.ProgressChanged += (_, e) => { lock (raised) { raised.Add(e); } };
        client.Completed += (_, e) => { lock (raised) { raised.Add(e); } };

        // Two requests at once, each with its own stream.
        var english = new OcrRequestOptions { Language = OcrLanguage.English };
        Task<List<OcrEvent>> a = CollectAsync(client.StreamAsync(first.Bytes, english));
        Task<List<OcrEvent>> b = CollectAsync(client.StreamAsync(second.Bytes, english));
        List<OcrEvent>[] streams = await Task.WhenAll(a, b).WaitAsync(Sdk.Patience);

        (List<OcrEvent> events, RenderedImage image)[] cases = [(streams[0], first), (streams[1], second)];
        foreach ((List<OcrEvent> events, RenderedImage image) in cases)
        {
            AssertOrdered(events);
            var completed = (OcrCompleted)events[^1];
            Assert.True(TextMetrics.CharacterErrorRate(image.Text, completed.Text) <= 0.05, completed.Text);
            Assert.Equal(completed.RequestId, completed.Result!.RequestId);
        }
        Assert.NotEqual(streams[0][0].RequestId, streams[1][0].RequestId);

        // The client-wide stream and the events saw the same messages, in the same order per request.
        var seen = new List<OcrEvent>();
        await foreach (OcrEvent e in everything.WithCancellation(CancellationToken.None))
        {
            seen.Add(e);
            if (seen.Count(x => x.IsFinal) == 2)
            {
                break;
            }
        }
        foreach (List<OcrEvent> events in streams)
        {
            string id = events[0].RequestId;
            Assert.Equal(events, seen.Where(e => e.RequestId == id));
            lock (raised)
            {
                Assert.Equal(events, raised.Where(e => e.RequestId == id));
            }
        }
    }

    [Fact]
    public async Task Batch_answers_one_result_per_image_in_order()
    {
        await using MaoOcrClient client = await Sdk.ConnectAsync(_appliance);
        RenderedImage[] pages = [.. new[] { "Batch page one 3301", "Batch page two 3302", "Batch page three 3303" }.Select(t => TextImageRenderer.RenderLines([t]))];

        OcrBatchResult batch = await client.RecognizeBatchAsync([.. pages.Select(p => (ReadOnlyMemory<byte>)p.Bytes)]).WaitAsync(Sdk.Patience);

        Assert.Equal(pages.Length, batch.Results.Count);
        for (int i = 0; i < pages.Length; i++)
        {
            Assert.True(TextMetrics.CharacterErrorRate(pages[i].Text, batch.Results[i].Text) <= 0.05, batch.Results[i].Text);
            Assert.Equal(batch.RequestId, batch.Results[i].RequestId);
            Assert.Equal(pages[i].Width, batch.Results[i].Width);
        }
        Assert.Equal(string.Join("\n\n", batch.Results.Select(r => r.Text)), batch.Text);
    }

    [Fact]
    public async Task Invalid_image_is_a_typed_error_naming_the_code_and_the_connection_keeps_working()
    {
        await using MaoOcrClient client = await Sdk.ConnectAsync(_appliance);
        byte[] png = TextImageRenderer.RenderLines(["Truncated"]).Bytes;
        byte[] truncated = png[..(png.Length / 2)];
        OcrFailed? failedEvent = null;
        client.Failed += (_, e) => failedEvent = e;

        OcrServerException error = await Assert.ThrowsAsync<OcrServerException>(() => client.RecognizeAsync(truncated).WaitAsync(Sdk.Patience));

        Assert.Equal(OcrErrorCode.InvalidImage, error.Code);
        Assert.Equal("invalid_image", error.WireCode);
        Assert.StartsWith("invalid_image: ", error.Message, StringComparison.Ordinal);
        Assert.False(error.Retryable);
        Assert.NotNull(failedEvent);
        Assert.Same(error, failedEvent.Error);

        // As a stream, the error is the final item, not an exception.
        List<OcrEvent> events = await CollectAsync(client.StreamAsync(truncated)).WaitAsync(Sdk.Patience);
        Assert.Equal(OcrErrorCode.InvalidImage, Assert.IsType<OcrServerException>(Assert.IsType<OcrFailed>(events[^1]).Error).Code);

        RenderedImage good = TextImageRenderer.RenderLines(["Still working 6204"]);
        OcrResult result = await client.RecognizeAsync(good.Bytes).WaitAsync(Sdk.Patience);
        Assert.True(TextMetrics.CharacterErrorRate(good.Text, result.Text) <= 0.05, result.Text);
    }

    [Fact]
    public async Task Bad_arguments_are_refused_before_anything_is_sent()
    {
        await using MaoOcrClient client = await Sdk.ConnectAsync(_appliance);

        await Assert.ThrowsAsync<ArgumentException>(() => client.RecognizeAsync(ReadOnlyMemory<byte>.Empty));
        await Assert.ThrowsAsync<ArgumentException>(() => client.RecognizeBatchAsync([]));
        ArgumentException tooMany = await Assert.ThrowsAsync<ArgumentException>(() => client.RecognizeBatchAsync([.. Enumerable.Repeat((ReadOnlyMemory<byte>)new byte[] { 1 }, 17)]));
        Assert.Contains("16", tooMany.Message, StringComparison.Ordinal);
        ArgumentException tooLarge = await Assert.ThrowsAsync<ArgumentException>(() => client.RecognizeAsync(new byte[27 * 1024 * 1024]));
        Assert.Contains("MaxMessageBytes", tooLarge.Message, StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.Connected, client.Status);
    }

    [Fact]
    public async Task Cancelling_a_request_ends_its_wait_and_its_late_answer_is_ignored()
    {
        await using MaoOcrClient client = await Sdk.ConnectAsync(_appliance);
        var completedIds = new List<string>();
        client.Completed += (_, e) => { lock (completedIds) { completedIds.Add(e.RequestId); } };
        using var cancel = new CancellationTokenSource();
        RenderedImage slow = TextImageRenderer.RenderLines(["Cancelled page 7788", "with a second line", "and a third one"]);
        var events = new List<OcrEvent>();

        Task<OcrResult> cancelled = client.RecognizeAsync(slow.Bytes, cancellationToken: cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Sdk.Patience));
        Assert.True(cancelled.IsCanceled);

        // A stream left by cancellation throws, and the request is forgotten too.
        using var cancelStream = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (OcrEvent e in client.StreamAsync(slow.Bytes, cancellationToken: cancelStream.Token))
            {
                events.Add(e);
                await cancelStream.CancelAsync();
            }
        });
        Assert.Single(events);

        // The next request is answered; the cancelled ones raise no Completed event even if the appliance answers them.
        RenderedImage next = TextImageRenderer.RenderLines(["After cancel 9012"]);
        OcrResult result = await client.RecognizeAsync(next.Bytes).WaitAsync(Sdk.Patience);
        Assert.True(TextMetrics.CharacterErrorRate(next.Text, result.Text) <= 0.05, result.Text);
        lock (completedIds)
        {
            // The streamed request may complete before its consumer cancels (its page is cached by then, so ocr_start and
            // ocr_complete arrive together): that completion is not late. The first request was cancelled before any
            // answer could come, so its answer must never raise Completed.
            Assert.Contains(result.RequestId, completedIds);
            Assert.All(completedIds, id => Assert.True(id == result.RequestId || id == events[0].RequestId, $"Completed was raised for {id}."));
        }
        Assert.Equal(ConnectionStatus.Connected, client.Status);
    }

    [Fact]
    public async Task Requests_without_a_connection_fail_clearly_and_an_unreachable_server_is_an_error_status()
    {
        var unreachable = new Uri($"ws://127.0.0.1:{Loopback.UnusedPort()}");
        await using var client = new MaoOcrClient(new MaoOcrClientOptions { Server = unreachable });
        var statuses = new StatusRecorder(client);

        MaoOcrConnectionException notConnected = await Assert.ThrowsAsync<MaoOcrConnectionException>(() => client.RecognizeAsync(new byte[] { 1, 2, 3 }));
        Assert.Contains("ConnectAsync", notConnected.Message, StringComparison.Ordinal);

        MaoOcrConnectionException refused = await Assert.ThrowsAsync<MaoOcrConnectionException>(() => client.ConnectAsync().WaitAsync(Sdk.Patience));
        Assert.Contains(client.Endpoint.ToString(), refused.Message, StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.Error, client.Status);
        Assert.Equal([ConnectionStatus.Connecting, ConnectionStatus.Error], statuses.Statuses);
    }

    [Fact]
    public async Task Heartbeat_pings_are_answered_by_the_appliance_and_keep_the_connection()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using MaoOcrClient client = await Sdk.ConnectAsync(_appliance, time);
        var statuses = new StatusRecorder(client);

        await Sdk.AdvanceUntilAsync(time, () => client.PongsReceived >= 1, TimeSpan.FromSeconds(1));
        await Sdk.AdvanceUntilAsync(time, () => client.PongsReceived >= 3, TimeSpan.FromSeconds(1));

        Assert.Equal(ConnectionStatus.Connected, client.Status);
        Assert.Empty(statuses.Statuses);
    }

    internal static async Task<List<OcrEvent>> CollectAsync(IAsyncEnumerable<OcrEvent> stream)
    {
        var events = new List<OcrEvent>();
        await foreach (OcrEvent e in stream)
        {
            events.Add(e);
        }
        return events;
    }

    /// <summary>One start first, progress that never goes back, one final complete last.</summary>
    private static void AssertOrdered(List<OcrEvent> events)
    {
        Assert.IsType<OcrStarted>(events[0]);
        Assert.IsType<OcrCompleted>(events[^1]);
        Assert.Single(events, e => e is OcrStarted);
        Assert.Single(events, e => e.IsFinal);
        OcrProgress[] progress = [.. events.OfType<OcrProgress>()];
        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.InRange(p.Percent, 0, 100));
        Assert.Equal(progress.Select(p => (p.Stage, p.Percent)).OrderBy(p => p.Stage).ThenBy(p => p.Percent), progress.Select(p => (p.Stage, p.Percent)));
        Assert.All(events, e => Assert.Equal(events[0].RequestId, e.RequestId));
    }
}
