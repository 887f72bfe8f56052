using MaoOcr.Inference.Pipeline;
using MaoOcr.Inference.Tests.Support;
using MaoOcr.Testing;

namespace MaoOcr.Inference.Tests.EndToEnd;

/// <summary>What the server relies on: progress per stage, cancellation, and one engine shared by concurrent requests.</summary>
[Collection(EngineGroup.Name)]
public sealed class PipelineServiceTests
{
    private readonly OcrEngine _engine;

    public PipelineServiceTests(EngineFixture fixture) => _engine = fixture.Engine;

    [Fact]
    public void Progress_reports_every_stage_in_order_with_rising_percentages()
    {
        RenderedImage image = TextImageRenderer.RenderLines(["Progress report line one", "and line two"]);
        var events = new List<StageProgress>();
        RecognizedPage result = _engine.Recognize(image.Bytes, new RecognitionOptions { Accuracy = RecognitionAccuracy.High }, events.Add);

        Assert.Equal([PipelineStage.Decode, PipelineStage.Detection, PipelineStage.Classification, PipelineStage.Recognition], events.Select(e => e.Stage).Distinct());
        for (int i = 1; i < events.Count; i++)
        {
            Assert.True(events[i].Percent >= events[i - 1].Percent, $"progress went back: {string.Join(", ", events)}");
        }
        Assert.InRange(events[^1].Percent, 90, 99);
        Assert.Equal(2, result.Lines.Count);
    }

    [Fact]
    public void Classifier_is_skipped_at_balanced_accuracy()
    {
        RenderedImage image = TextImageRenderer.RenderLines(["Balanced accuracy"]);
        var events = new List<StageProgress>();
        _engine.Recognize(image.Bytes, RecognitionOptions.Default, events.Add);
        Assert.DoesNotContain(events, e => e.Stage == PipelineStage.Classification);
    }

    [Fact]
    public void Timings_are_filled_and_consistent()
    {
        RenderedImage image = TextImageRenderer.RenderLines(["Timing line"]);
        StageTimings t = _engine.Recognize(image.Bytes).Timings;
        Assert.True(t.DecodeMs >= 0 && t.DetectionMs > 0 && t.RecognitionMs > 0 && t.ClassificationMs >= 0);
        Assert.True(t.TotalMs >= t.DecodeMs + t.DetectionMs + t.ClassificationMs + t.RecognitionMs - 0.01);
        Assert.InRange(t.InferenceMs, 0.001, t.TotalMs);
    }

    [Fact]
    public void A_cancelled_request_throws_and_the_engine_keeps_working()
    {
        RenderedImage image = TextImageRenderer.RenderLines(["Cancelled request"]);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => _engine.Recognize(image.Bytes, cancellationToken: cts.Token));

        // Cancel from the progress callback as detection starts: the run stops before recognition.
        using var midway = new CancellationTokenSource();
        var stages = new List<PipelineStage>();
        Assert.ThrowsAny<OperationCanceledException>(() => _engine.Recognize(image.Bytes, progress: p =>
        {
            stages.Add(p.Stage);
            if (p.Stage == PipelineStage.Detection)
            {
                midway.Cancel();
            }
        }, cancellationToken: midway.Token));
        Assert.DoesNotContain(PipelineStage.Recognition, stages);

        Assert.Equal("Cancelled request", _engine.Recognize(image.Bytes).Text);
    }

    [Fact]
    public async Task Concurrent_requests_each_get_their_own_text()
    {
        string[] texts = ["Alpha 111", "Bravo 222", "Charlie 333", "Delta 444", "Echo 555", "Foxtrot 666"];
        RenderedImage[] images = texts.Select((t, i) => TextImageRenderer.RenderLines([t], new TextBlockStyle { FontSize = 24 + (4 * i) })).ToArray();

        RecognizedPage[] results = await Task.WhenAll(images.Select(img => _engine.RecognizeAsync(img.Bytes)));

        for (int i = 0; i < texts.Length; i++)
        {
            Assert.Equal(texts[i], results[i].Text);
        }
    }
}
