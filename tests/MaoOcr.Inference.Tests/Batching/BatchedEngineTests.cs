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
public sealed partial class BatchedEngineTests(EngineFixture fixture)
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

    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(60);

    // One detection runner and no batch window: a detection batch forms from the calls queued while the runner is
    // busy, which the tests arrange with a BatchGate. Buckets larger than the rendered pages, so every detection
    // input is padded.
    private static OcrEngineOptions BatchingOptions() => new()
    {
        Device = InferenceDevice.Cpu,
        ModelRunner = ModelRunnerKind.Batching,
        Batching = new EngineBatching
        {
            Detection = new ModelBatchPolicy { MaxBatch = 4, MaxWait = TimeSpan.Zero, Runners = 1 },
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
        using BatchGate gate = BatchGate.Install(batched.Detector.Model);
        using var requests = new RequestThreads(gate, images.Length, i =>
        {
            var progress = new List<StageProgress>();
            return (batched.Recognize(images[i].Bytes, progress: progress.Add), progress);
        });

        // The first request's detection runs alone and is held there; the other three queue behind it, and once it
        // goes they are taken as one batch, however late each thread arrived.
        requests.Start(0);
        Assert.Equal(1, gate.NextHeld());
        requests.Start(1..);
        gate.WaitQueued(images.Length - 1);
        gate.Release();
        Assert.Equal(images.Length - 1, gate.NextHeld());
        gate.Release();
        requests.JoinAll();
        var together = requests.Outcomes.Select(o => Assert.IsType<(RecognizedPage Result, List<StageProgress> Progress)>(o)).ToArray();

        // Batching really happened, on padded inputs.
        BatchingModelRunner detection = Batcher(batched.Detector.Model), recognition = Batcher(batched.Recognizer.Model);
        Assert.Equal(2, detection.BatchesRun);
        Assert.Contains(detection.ShapesRun, s => s.Batch == images.Length - 1);
        Assert.All(detection.ShapesRun, s => Assert.True(s.Row.Height is 640 or 960 && s.Row.Width is 640 or 960, $"{s}"));
        Assert.True(recognition.BatchesRun < images.Length, $"{recognition.BatchesRun} recognition batches for {images.Length} requests");

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
    public void A_request_cancelled_inside_a_batch_gets_its_cancellation_at_once_and_the_others_in_the_batch_their_results()
    {
        RenderedImage[] images = s_pages.Select(lines => TextImageRenderer.RenderLines(lines)).ToArray();
        using OcrEngine batched = OcrEngine.Create(BatchingOptions());
        using BatchGate gate = BatchGate.Install(batched.Detector.Model);
        using var cancel = new CancellationTokenSource();
        using var requests = new RequestThreads(gate, images.Length, i => batched.Recognize(images[i].Bytes, cancellationToken: i == 1 ? cancel.Token : default));

        // Request 0 holds the only detection runner, so requests 1 to 3 queue up behind it and are taken as one batch.
        requests.Start(0);
        Assert.Equal(1, gate.NextHeld());
        requests.Start(1..);
        gate.WaitQueued(3);
        gate.Release();
        Assert.Equal(3, gate.NextHeld());

        // Request 1 is inside that batch, which is held: its cancellation must reach it now, not when the batch ends.
        cancel.Cancel();
        Assert.True(requests.Join(1), "The cancelled request waited for its batch.");
        Assert.IsAssignableFrom<OperationCanceledException>(requests.Outcomes[1]);

        // The batch then runs for the two left in it.
        gate.Release();
        requests.JoinAll();
        foreach (int i in new[] { 0, 2, 3 })
        {
            Assert.Equal(images[i].Text, Assert.IsType<RecognizedPage>(requests.Outcomes[i]).Text);
        }
        Assert.Contains(Batcher(batched.Detector.Model).ShapesRun, s => s.Batch == 3);
        // And the engine goes on.
        gate.Open();
        Assert.Equal(images[1].Text, batched.Recognize(images[1].Bytes).Text);
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

    /// <summary>
    /// Requests on threads of their own; each one's result, or what it threw, lands in <see cref="Outcomes"/>.
    /// Disposing lets every batch go and joins every thread, so a failed assertion never leaves a request running into
    /// the engine's disposal, where what it throws would crash the test host.
    /// </summary>
    private sealed class RequestThreads : IDisposable
    {
        private readonly BatchGate _gate;
        private readonly Thread[] _threads;

        public RequestThreads(BatchGate gate, int count, Func<int, object> request)
        {
            _gate = gate;
            Outcomes = new object?[count];
            _threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
            {
                try
                {
                    Outcomes[i] = request(i);
                }
                catch (Exception e)
                {
                    Outcomes[i] = e;
                }
            })).ToArray();
        }

        public object?[] Outcomes { get; }

        public void Start(int request) => _threads[request].Start();

        public void Start(Range requests) => Array.ForEach(_threads[requests], t => t.Start());

        public bool Join(int request) => _threads[request].Join(s_patience);

        public void JoinAll() => Assert.All(_threads, t => Assert.True(t.Join(s_patience)));

        public void Dispose()
        {
            _gate.Open();
            foreach (Thread thread in _threads.Where(t => (t.ThreadState & ThreadState.Unstarted) == 0))
            {
                thread.Join(s_patience);
            }
        }
    }

    private static BatchingModelRunner Batcher(IModelRunner runner) => Assert.IsType<BatchingModelRunner>(runner);
}
