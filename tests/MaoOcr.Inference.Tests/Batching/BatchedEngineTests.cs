using MaoOcr.Inference.Batching;
using MaoOcr.Inference.Devices;
using MaoOcr.Inference.Pipeline;
using MaoOcr.Inference.Runners;
using MaoOcr.Inference.Tests.Support;
using MaoOcr.Testing;

namespace MaoOcr.Inference.Tests.Batching;

/// <summary>
/// The engine with the batching runner and GPU-style batching, run on the CPU: concurrent requests share
/// detection and recognition runs, padded to buckets, and each still gets the result (and the progress) it
/// gets alone.
/// </summary>
[Collection(EngineGroup.Name)]
public sealed class BatchedEngineTests(EngineFixture fixture)
{
    /// <summary>
    /// Box corners may move by this fraction of the line height: the padded background shifts DB's unclipped box
    /// edges by a few pixels (5 px seen on a 40 px line), while the text read stays the same.
    /// </summary>
    private const float BoxTolerance = 0.2f;

    private static readonly string[][] s_pages =
    [
        ["Batched request one", "with a second line"],
        ["Invoice 2024-117", "Total due 381.50"],
        ["The quick brown fox", "jumps over the lazy dog"],
        ["Shipping address", "42 Harbour Road"],
    ];

    // One runner and a long wait, so the concurrent requests queue up and share batches; buckets larger than the
    // rendered pages, so every detection input is padded.
    private static OcrEngineOptions BatchingOptions() => new()
    {
        Device = InferenceDevice.Cpu,
        ModelRunner = ModelRunnerKind.Batching,
        Batching = new EngineBatching
        {
            Detection = new ModelBatchPolicy { MaxBatch = 4, MaxWait = TimeSpan.FromMilliseconds(500), Runners = 1 },
            Classification = new ModelBatchPolicy { MaxBatch = 24, MaxWait = TimeSpan.FromMilliseconds(200), Runners = 1 },
            Recognition = new ModelBatchPolicy { MaxBatch = 24, MaxWait = TimeSpan.FromMilliseconds(200), Runners = 1 },
            DetectionBuckets = new DetectionBuckets([640, 960]),
            RecognitionWidthStep = 160,
        },
    };

    [Fact]
    public void Concurrent_requests_batched_and_padded_get_their_own_results_and_progress()
    {
        RenderedImage[] images = s_pages.Select(lines => TextImageRenderer.RenderLines(lines)).ToArray();
        var alone = new (RecognizedPage Result, List<StageProgress> Progress)[images.Length];
        for (int i = 0; i < images.Length; i++)
        {
            var progress = new List<StageProgress>();
            alone[i] = (fixture.Engine.Recognize(images[i].Bytes, progress: progress.Add), progress);
        }

        using OcrEngine batched = OcrEngine.Create(BatchingOptions());
        var together = new (RecognizedPage Result, List<StageProgress> Progress)[images.Length];
        using var start = new Barrier(images.Length);
        Thread[] threads = images.Select((image, i) => new Thread(() =>
        {
            var progress = new List<StageProgress>();
            start.SignalAndWait();
            together[i] = (batched.Recognize(image.Bytes, progress: progress.Add), progress);
        })).ToArray();
        Array.ForEach(threads, t => t.Start());
        Array.ForEach(threads, t => t.Join());

        // Batching really happened, on padded inputs.
        BatchingModelRunner detection = Batcher(batched.Detector.Model), recognition = Batcher(batched.Recognizer.Model);
        Assert.Contains(detection.ShapesRun, s => s.Batch > 1);
        Assert.All(detection.ShapesRun, s => Assert.True(s.Row.Height is 640 or 960 && s.Row.Width is 640 or 960, $"{s}"));
        Assert.True(detection.BatchesRun < images.Length || recognition.BatchesRun < images.Length);

        for (int i = 0; i < images.Length; i++)
        {
            RecognizedPage expected = alone[i].Result, actual = together[i].Result;
            Assert.Equal(images[i].Text, actual.Text);
            Assert.Equal(expected.Text, actual.Text);
            Assert.Equal(expected.Lines.Count, actual.Lines.Count);
            for (int l = 0; l < expected.Lines.Count; l++)
            {
                IReadOnlyList<ImagePoint> e = expected.Lines[l].Box, a = actual.Lines[l].Box;
                float tolerance = BoxTolerance * MathF.Abs(e[3].Y - e[0].Y);
                for (int c = 0; c < 4; c++)
                {
                    Assert.InRange(a[c].X, e[c].X - tolerance, e[c].X + tolerance);
                    Assert.InRange(a[c].Y, e[c].Y - tolerance, e[c].Y + tolerance);
                }
                // Coarser recognition widths pad crops more, which moves confidences by a few hundredths (0.023 seen).
                Assert.InRange(actual.Lines[l].Confidence, expected.Lines[l].Confidence - 0.05f, expected.Lines[l].Confidence + 0.05f);
            }
            // Each request saw its own stages and its own recognition counts.
            Assert.Equal(alone[i].Progress, together[i].Progress);
        }
    }

    [Fact]
    public void A_request_cancelled_while_batched_with_others_leaves_theirs_intact()
    {
        RenderedImage[] images = s_pages.Take(3).Select(lines => TextImageRenderer.RenderLines(lines)).ToArray();
        using OcrEngine batched = OcrEngine.Create(BatchingOptions());
        using var cancel = new CancellationTokenSource();
        var outcomes = new object?[images.Length];
        using var start = new Barrier(images.Length);
        Thread[] threads = images.Select((image, i) => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                // The first request is cancelled as soon as it reaches detection, while it waits for its batch.
                Action<StageProgress>? progress = i == 0 ? p => { if (p.Stage == PipelineStage.Detection) { cancel.Cancel(); } } : null;
                outcomes[i] = batched.Recognize(image.Bytes, progress: progress, cancellationToken: i == 0 ? cancel.Token : default);
            }
            catch (OperationCanceledException e)
            {
                outcomes[i] = e;
            }
        })).ToArray();
        Array.ForEach(threads, t => t.Start());
        Array.ForEach(threads, t => t.Join());

        Assert.IsAssignableFrom<OperationCanceledException>(outcomes[0]);
        for (int i = 1; i < images.Length; i++)
        {
            Assert.Equal(images[i].Text, Assert.IsType<RecognizedPage>(outcomes[i]).Text);
        }
        // And the engine goes on.
        Assert.Equal(images[0].Text, batched.Recognize(images[0].Bytes).Text);
    }

    [Fact]
    public void Warm_up_runs_every_detection_bucket_and_every_recognition_width_step()
    {
        OcrEngineOptions options = BatchingOptions();
        options.Batching = options.Batching! with { DetectionBuckets = new DetectionBuckets([64, 96]) };
        using OcrEngine engine = OcrEngine.Create(options);
        engine.WarmUp();

        Assert.Equal(
            new[] { (64, 64), (64, 96), (96, 64), (96, 96) },
            Batcher(engine.Detector.Model).ShapesRun.Select(s => (s.Row.Height, s.Row.Width)).Order().ToArray());
        // Widths from the training width (320) to a 20:1 line (960), in steps of 160.
        Assert.Equal(
            new[] { 320, 480, 640, 800, 960 },
            Batcher(engine.Recognizer.Model).ShapesRun.Select(s => s.Row.Width).Order().ToArray());
    }

    private static BatchingModelRunner Batcher(IModelRunner runner) => Assert.IsType<BatchingModelRunner>(runner);
}
